package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The complete template the README shows is one, and its script says what the README means it to. */
class ReadmeExampleTest {

    @Test
    void the_complete_template_of_the_readme_reads_and_renders() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n", readme.indexOf("A complete template:")) + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));

        ClusterTemplate template = TemplateReader.read(new TemplateSource("README.md", example), List.of("workers=4"),
                TemplateTexts.ONE_IMAGE);
        ClusterPlan plan = ClusterPlan.plan(template, "sim");
        ClusterFacts facts = plan.facts(Map.of("sim-head-000", "10.0.0.1", "sim-worker-0001", "10.0.0.3"));

        assertThat(plan.role("worker").quorum()).isEqualTo(3);
        assertThat(template.role("worker").scripts().get(0).render(facts, "sim-worker-0001")).isEqualTo("""
                for peer in 'sim-head-000' 'sim-worker-0001'; do echo "$peer"; done > "$HOME/peers"
                echo I am 'sim-worker-0001', number '1', and the head is at '10.0.0.1'
                """);
    }
}
