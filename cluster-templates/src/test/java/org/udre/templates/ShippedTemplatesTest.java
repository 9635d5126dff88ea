package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.catalog.ImageRequirements;
import org.udre.catalog.UnknownImageException;

/** The scenarios UDRE ships, against the image catalogue UDRE ships, read by the catalogue's own loader. */
class ShippedTemplatesTest {

    private static final Path CATALOGUE_IMAGES = Path.of("../saas-catalog/images");

    private static final ImageCatalog CATALOG = ImageCatalog.loadDirectory(CATALOGUE_IMAGES);

    /** How the engine is expected to answer for its catalogue. */
    private static final ImageLookup SHIPPED_IMAGES = choice -> {
        if (choice instanceof ImageChoice.Named named) {
            try {
                CATALOG.require(named.ref());
                return Optional.empty();
            } catch (UnknownImageException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.of("the shipped templates name their images");
    };

    private static ClusterTemplate shipped(String file, String... overrides) {
        return TemplateReader.read(TemplateSource.shipped(file), List.of(overrides), SHIPPED_IMAGES);
    }

    @Test
    void the_images_the_scenarios_need_load_with_the_catalogue_loader_and_say_what_guest_they_are() {
        Image mpi = CATALOG.require("mpi-node:1.0");
        Image batch = CATALOG.require("batch-node:1.0");
        Image guest = CATALOG.require("udre-guest:1.0");

        for (Image image : List.of(mpi, batch)) {
            assertThat(image.description()).contains("same minimal guest as udre-guest");
            assertThat(image.disk()).isEqualTo(guest.disk());
            assertThat(image.tsi()).isEqualTo(guest.tsi());
        }
    }

    @Test
    void image_requirements_of_a_template_are_read_by_the_catalogue_as_they_stand() throws Exception {
        ImageChoice.Matching wanted = new ImageChoice.Matching(
                "{\"os\": {\"family\": \"linux\", \"version\": \">=12\"}, \"applications\": [{\"name\": \"bash\","
                        + " \"version\": \">=5\"}], \"minCores\": 1, \"tags\": [\"mpi\"]}");

        ImageRequirements requirements = ImageRequirements.fromJson("template mpi, role compute",
                new ObjectMapper().readTree(wanted.json()));

        assertThat(requirements.tags()).containsExactly("mpi");
        assertThat(requirements.applications()).extracting(ImageRequirements.Application::name).containsExactly("bash");
        assertThat(requirements.os().family()).isEqualTo("linux");
    }

    @ParameterizedTest(name = "{0} reads against the shipped catalogue")
    @ValueSource(strings = {"mpi.yaml", "batch.yaml"})
    void each_shipped_template_is_valid_with_its_defaults(String file) {
        ClusterTemplate template = shipped(file);

        assertThat(template.roles()).hasSize(2);
        assertThat(ClusterPlan.plan(template, "demo").nodeCount()).isPositive();
    }

    @Test
    void the_mpi_scenario_is_a_head_then_compute_nodes_sized_by_its_parameters() {
        ClusterPlan plan = ClusterPlan.plan(shipped("mpi.yaml", "computeNodes=128", "coresPerNode=8"), "sim");

        assertThat(plan.roles()).extracting(RolePlan::name).containsExactly("head", "compute");
        RolePlan compute = plan.role("compute");
        assertThat(compute.role().parents()).containsExactly("head");
        assertThat(compute.count()).isEqualTo(128);
        assertThat(compute.quorum()).isEqualTo(128);
        assertThat(compute.role().size().cores()).isEqualTo(8);
        assertThat(compute.batches()).hasSize(8);
        assertThat(compute.memberNames().get(127)).isEqualTo("sim-compute-00127");
    }

    @Test
    void setting_the_compute_count_directly_sizes_the_quorum_with_it() {
        RolePlan compute = ClusterPlan.plan(shipped("mpi.yaml", "compute.count=128"), "sim").role("compute");

        assertThat(compute.count()).isEqualTo(128);
        assertThat(compute.quorum()).isEqualTo(128);
    }

    @Test
    void the_batch_scenario_is_a_controller_then_workers_with_a_quorum_of_three_quarters() {
        ClusterPlan plan = ClusterPlan.plan(shipped("batch.yaml", "workers=64"), "sim");

        assertThat(plan.roles()).extracting(RolePlan::name).containsExactly("controller", "worker");
        assertThat(plan.role("worker").role().parents()).containsExactly("controller");
        assertThat(plan.role("worker").quorum()).isEqualTo(48);
        assertThat(plan.scale("worker", 0).removed()).hasSize(64);
    }

    @Test
    void the_mpi_head_writes_a_host_file_of_every_member_and_runs_the_command_across_it(@TempDir Path dir)
            throws Exception {
        // A cluster name of its own: the head's scripts write under /var/tmp/udre-cluster/<cluster>, as in a guest.
        String cluster = "t" + ProcessHandle.current().pid();
        ClusterPlan plan = ClusterPlan.plan(shipped("mpi.yaml", "computeNodes=3", "coresPerNode=4", "headCores=1",
                "command=echo ranks $RANKS; cat \"$HOSTFILE\""), cluster);
        Map<String, String> addresses = new LinkedHashMap<>();
        addresses.put(cluster + "-head-000", "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            addresses.put(cluster + "-compute-0000" + i, "10.0.1." + i);
        }
        ClusterFacts facts = plan.facts(addresses);
        Path clusterDir = Path.of("/var/tmp/udre-cluster", cluster);
        try {
            List<String> outputs = new ArrayList<>();
            for (Script script : plan.role("head").role().scripts()) {
                outputs.add(bash(dir, script.render(facts, cluster + "-head-000")));
            }

            String hostfile = String.join("\n",
                    "10.0.0.1 slots=1 # " + cluster + "-head-000",
                    "10.0.1.0 slots=4 # " + cluster + "-compute-00000",
                    "10.0.1.1 slots=4 # " + cluster + "-compute-00001",
                    "10.0.1.2 slots=4 # " + cluster + "-compute-00002") + "\n";
            assertThat(clusterDir.resolve("hostfile")).hasContent(hostfile);
            assertThat(outputs).containsExactly(hostfile, "ranks 13\n" + hostfile);
            assertThat(plan.role("head").role().size().cores()).isEqualTo(1);
        } finally {
            Files.deleteIfExists(clusterDir.resolve("hostfile"));
            Files.deleteIfExists(clusterDir);
            try {
                Files.deleteIfExists(clusterDir.getParent());
            } catch (DirectoryNotEmptyException othersStillThere) {
                // Another cluster's directory: not this test's to remove.
            }
        }
    }

    @ParameterizedTest(name = "every script of {0} is bash once rendered")
    @ValueSource(strings = {"mpi.yaml", "batch.yaml"})
    void every_script_of_a_shipped_template_renders_to_valid_bash(String file, @TempDir Path dir) throws Exception {
        ClusterPlan plan = ClusterPlan.plan(shipped(file), "demo");
        Map<String, String> addresses = new LinkedHashMap<>();
        int n = 1;
        for (RolePlan role : plan.roles()) {
            for (String name : role.memberNames()) {
                addresses.put(name, "10.0.0." + n++);
            }
        }
        ClusterFacts facts = plan.facts(addresses);
        for (RolePlan role : plan.roles()) {
            for (Script script : role.role().scripts()) {
                Path text = dir.resolve(role.name() + "-" + script.name() + ".sh");
                Files.writeString(text, script.render(facts, role.memberNames().get(0)));
                Process check = new ProcessBuilder("bash", "-n", text.toString()).redirectErrorStream(true).start();
                String complaints = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(check.exitValue()).as(text + ": " + complaints).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0} has a comment above every key")
    @ValueSource(strings = {"mpi.yaml", "batch.yaml"})
    void a_shipped_template_has_a_comment_above_every_key(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("templates", file));
        Pattern key = Pattern.compile("^(\\s*)(- )?([A-Za-z]+):");
        List<String> uncommented = new ArrayList<>();
        int blockIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int indent = line.length() - line.stripLeading().length();
            if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
                continue;  // inside a script: text, not keys
            }
            blockIndent = -1;
            Matcher m = key.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (line.endsWith(": |") || line.endsWith(": >-")) {
                blockIndent = indent + (m.group(2) == null ? 0 : 2);
            }
            String above = lines.get(i - 1).strip();
            // The second key of a list item belongs to the item the comment above it describes; type, default and
            // description of a parameter are explained once, above "parameters".
            boolean insideCommentedItem = above.startsWith("- ") && m.group(2) == null;
            boolean partOfParameter = List.of("type", "default", "description").contains(m.group(3))
                    && m.group(1).length() == 4;
            if (!above.startsWith("#") && !insideCommentedItem && !partOfParameter) {
                uncommented.add((i + 1) + ": " + line);
            }
        }

        assertThat(uncommented).isEmpty();
    }

    @Test
    void the_shipped_templates_are_in_the_jar_as_written() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            for (Path file : files.toList()) {
                assertThat(TemplateSource.shipped(file.getFileName().toString()).text())
                        .isEqualTo(Files.readString(file));
            }
        }
    }

    private static String bash(Path dir, String script) throws Exception {
        Path file = Files.writeString(dir.resolve("script.sh"), script);
        Process process = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return out;
    }
}
