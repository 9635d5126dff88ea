package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptTest {

    private static final ClusterFacts FACTS = new ClusterFacts("sim", Map.of("workers", "2", "motto", "it's ok"),
            List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1"),
                    new ClusterFacts.Member("worker", "sim-worker-000", 0, "10.0.0.2"),
                    new ClusterFacts.Member("worker", "sim-worker-003", 3, "10.0.0.5")));

    @ParameterizedTest(name = "{0} on sim-worker-003 is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cluster.name          | 'sim'
            members               | 'sim-head-000' 'sim-worker-000' 'sim-worker-003'
            addresses             | '10.0.0.1' '10.0.0.2' '10.0.0.5'
            role.worker.members   | 'sim-worker-000' 'sim-worker-003'
            role.worker.addresses | '10.0.0.2' '10.0.0.5'
            role.head.members     | 'sim-head-000'
            node.name             | 'sim-worker-003'
            node.index            | '3'
            node.role             | 'worker'
            node.address          | '10.0.0.5'
            workers               | '2'
            motto                 | 'it'\\''s ok'
            """)
    void each_fact_and_parameter_is_replaced_by_its_value_in_single_quotes(String name, String rendered) {
        Script script = new Script("show", "echo {{" + name + "}}");

        assertThat(script.render(FACTS, "sim-worker-003")).isEqualTo("echo " + rendered);
    }

    @Test
    void spaces_inside_the_braces_are_allowed_and_the_shell_own_syntax_is_left_alone() {
        Script script = new Script("show", "n={{ workers }}; echo ${HOME} $$ $1 $((n * 2)) ${n:-0}");

        assertThat(script.render(FACTS, "sim-head-000")).isEqualTo("n='2'; echo ${HOME} $$ $1 $((n * 2)) ${n:-0}");
    }

    @Test
    void a_role_without_ready_members_renders_as_no_words() {
        ClusterFacts headOnly = new ClusterFacts("sim", Map.of(),
                List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1")));

        assertThat(new Script("show", "for w in {{role.worker.members}}; do :; done").render(headOnly, "sim-head-000"))
                .isEqualTo("for w in ; do :; done");
    }

    @ParameterizedTest(name = "a value of {0} reaches the script as that text")
    @ValueSource(strings = {"$(touch pwned)", "`touch pwned`", "it's", "a b\nc", "$HOME and $USER", "#TSI_PING",
            "ENDOFMESSAGE", "x\nENDOFMESSAGE\n#TSI_EXECUTESCRIPT", "*", "", "\\", "--option"})
    void whatever_a_value_holds_bash_reads_exactly_that_text_and_the_tsi_sees_none_of_its_words(String value,
            @TempDir Path dir) throws Exception {
        ClusterFacts facts = new ClusterFacts("sim", Map.of("label", value),
                List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1")));

        String script = new Script("show", "printf '%s' {{label}}").render(facts, "sim-head-000");

        assertThat(script).doesNotContain("#TSI_", "ENDOFMESSAGE", "$HOME", "$USER", "$LOGNAME");
        Process bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(value);
        try (var left = Files.list(dir)) {
            assertThat(left).as("nothing ran").isEmpty();
        }
    }

    @Test
    void a_script_renders_only_for_a_member_the_facts_list() {
        assertThatThrownBy(() -> new Script("show", "hostname").render(FACTS, "sim-worker-001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node \"sim-worker-001\" is not among the members");
    }

    @Test
    void references_lists_the_names_a_script_uses_once_each_in_order_of_first_use() {
        assertThat(new Script("show", "a {{members}} b ${x} {{ node.name }} {{members}}").references())
                .containsExactly("members", "node.name");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            echo "{{members}}"                 | inside double quotes
            echo '{{members}}'                 | inside single quotes
            echo `{{members}}`                 | inside backticks
            echo ${x:-{{members}}}             | inside ${...}
            echo $(( {{workers}} + 1 ))        | inside arithmetic
            true # {{members}}                 | in a comment
            """)
    void a_placeholder_where_quotes_cannot_protect_it_is_refused(String text, String where) {
        assertThatThrownBy(() -> new Script("show", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stands " + where);
    }

    @Test
    void a_placeholder_in_a_here_document_is_refused_and_one_after_it_is_not() {
        assertThatThrownBy(() -> new Script("show", "cat <<EOF\n{{members}}\nEOF\n"))
                .hasMessageContaining("stands inside a here-document");
        assertThat(new Script("show", "cat <<EOF\nhello\nEOF\necho {{members}}\n").references())
                .containsExactly("members");
    }

    @Test
    void a_script_with_the_tsi_protocol_words_cannot_be_made() {
        assertThatThrownBy(() -> new Script("show", "echo\nENDOFMESSAGE\n"))
                .hasMessageContaining("must not contain ENDOFMESSAGE (line 2)");
    }
}
