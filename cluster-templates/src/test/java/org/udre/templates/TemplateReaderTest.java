package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.udre.templates.TemplateTexts.VALID;
import static org.udre.templates.TemplateTexts.read;
import static org.udre.templates.TemplateTexts.validWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.udre.catalog.ValidationError;

class TemplateReaderTest {

    private static final ImageChoice GUEST = new ImageChoice.Named("udre-guest:1.0");

    @Test
    void a_valid_template_becomes_the_template_it_describes_with_defaults_for_what_it_leaves_out() {
        ClusterTemplate template = read(VALID);

        assertThat(template).isEqualTo(new ClusterTemplate("sim", "A small cluster.",
                List.of(new Parameter("workers", ParameterType.INTEGER, Optional.of("3"), "How many workers.")),
                Map.of("workers", "3"), Duration.ofHours(2), FailurePolicy.TEARDOWN, List.of(
                        new Role("head", GUEST, new Size(1, 256), 1, List.of(), 1, Duration.ofMinutes(5), 16, 1, 1, 3,
                                List.of(new Script("hosts", "echo {{members}}"))),
                        new Role("worker", GUEST, new Size(2, 512), 3, List.of("head"), 2, Duration.ofMinutes(10), 2,
                                1, 10, 3, List.of()))));
    }

    @Test
    void the_same_template_written_as_json_is_read_alike() {
        String json = """
                {"name": "sim", "description": "A small cluster.",
                 "parameters": {"workers": {"type": "integer", "default": 3, "description": "How many workers."}},
                 "lease": "PT2H",
                 "roles": {
                   "head": {"image": "udre-guest:1.0", "size": {"cores": 1, "memoryMiB": 256}, "count": 1,
                            "readyWithin": "PT5M", "scripts": [{"name": "hosts", "run": "echo {{members}}"}]},
                   "worker": {"image": "udre-guest:1.0", "size": {"cores": 2, "memoryMiB": 512}, "count": "${workers}",
                              "parents": ["head"], "minReady": 2, "readyWithin": "PT10M", "maxBatch": 2, "min": 1,
                              "max": 10}}}
                """;

        assertThat(read(json)).isEqualTo(read(VALID));
    }

    @Test
    void an_image_may_be_chosen_by_requirements_in_the_catalogue_form_and_the_lookup_is_asked_about_them() {
        String text = validWith("    image: udre-guest:1.0\n    size:\n      cores: 2", String.join("\n",
                "    image:",
                "      applications:",
                "        - name: openmpi",
                "          version: \">=4.1,<5\"",
                "      os: {family: linux}",
                "      minCores: 2",
                "    size:",
                "      cores: 2"));
        ImageChoice.Matching wanted = new ImageChoice.Matching(
                "{\"applications\": [{\"name\": \"openmpi\", \"version\": \">=4.1,<5\"}], \"os\": {\"family\": \"linux\"},"
                        + " \"minCores\": 2}");

        ClusterTemplate template = TemplateReader.read(new TemplateSource("sim.yaml", text), List.of(),
                choice -> choice.equals(wanted) || choice.equals(GUEST) ? Optional.empty() : Optional.of("no"));
        var refused = catchThrowableOfType(InvalidTemplateException.class, () -> TemplateReader.read(
                new TemplateSource("sim.yaml", text), List.of(),
                choice -> choice.equals(wanted) ? Optional.of("no available image has openmpi >=4.1,<5")
                        : Optional.empty()));

        assertThat(template.role("worker").image()).isEqualTo(wanted);
        assertThat(wanted.json())
                .isEqualTo("{\"applications\":[{\"name\":\"openmpi\",\"version\":\">=4.1,<5\"}],\"os\":{\"family\":\"linux\"},"
                        + "\"minCores\":2}");
        assertThat(refused.errors()).containsExactly(
                new ValidationError("sim.yaml", "/roles/worker/image", "no available image has openmpi >=4.1,<5"));
    }

    @Test
    void a_quorum_given_as_a_percentage_is_that_share_of_count_rounded_up() {
        assertThat(read(validWith("minReady: 2", "minReady: 75%"), "workers=6").role("worker").minReady()).isEqualTo(5);
        assertThat(read(validWith("minReady: 2", "minReady: 0%")).role("worker").minReady()).isZero();
        assertThat(read(validWith("minReady: 2", "minReady: 100%")).role("worker").minReady()).isEqualTo(3);
    }

    static Stream<Arguments> invalidTemplates() {
        return Stream.of(
                invalid("a cycle in parents", validWith("    count: 1\n", "    count: 1\n    parents: [worker]\n"),
                        "/roles/head/parents", "roles wait for each other in a cycle: head -> worker -> head"),
                invalid("a role that is its own parent", validWith("parents: [head]", "parents: [head, worker]"),
                        "/roles/worker/parents", "in a cycle: worker -> worker"),
                invalid("a negative count", validWith("    count: 1\n", "    count: -1\n"),
                        "/roles/head/count", "must have a minimum value of 0 (found -1)"),
                invalid("an unknown image", validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                                "    image: mpi-nod:1.0\n    size:\n      cores: 2"),
                        "/roles/worker/image",
                        "no image \"mpi-nod:1.0\" in the catalogue; known images: udre-guest:1.0"),
                invalid("an image reference that is no reference", validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                                "    image: \"mpi node\"\n    size:\n      cores: 2"),
                        "/roles/worker/image", "must be an image name, optionally followed by ':' and a version"),
                invalid("a quorum above count", validWith("minReady: 2", "minReady: 4"),
                        "/roles/worker/minReady", "the quorum must not be above count 3"),
                invalid("a quorum above 100%", validWith("minReady: 2", "minReady: 120%"),
                        "/roles/worker/minReady", "must be a number of nodes or a percentage of count"),
                invalid("a negative quorum", validWith("minReady: 2", "minReady: -1"),
                        "/roles/worker/minReady", "(found -1)"),
                invalid("an unknown parent", validWith("parents: [head]", "parents: [hed]"),
                        "/roles/worker/parents/0", "names no role of this template (found \"hed\"); roles: head, worker"),
                invalid("min above max", validWith("min: 1\n    max: 10", "min: 5\n    max: 2"),
                        "/roles/worker/min", "must not be above max 2 (found 5)"),
                invalid("count below min", validWith("min: 1", "min: 4"),
                        "/roles/worker/count", "must not be below min 4 (found 3)"),
                invalid("count above max", validWith("max: 10", "max: 2"),
                        "/roles/worker/count", "must not be above max 2 (found 3)"),
                invalid("a count of zero without max", validWith("    count: 1\n", "    count: 0\n"),
                        "/roles/head/max", "is required when count is 0"),
                invalid("a batch of zero", validWith("maxBatch: 2", "maxBatch: 0"),
                        "/roles/worker/maxBatch", "must have a minimum value of 1 (found 0)"),
                invalid("a zero deadline", validWith("readyWithin: PT10M", "readyWithin: PT0S"),
                        "/roles/worker/readyWithin", "must be a positive ISO-8601 duration"),
                invalid("a negative deadline", validWith("readyWithin: PT10M", "readyWithin: PT-10M"),
                        "/roles/worker/readyWithin", "(found \"PT-10M\")"),
                invalid("a deadline in words", validWith("readyWithin: PT10M", "readyWithin: ten minutes"),
                        "/roles/worker/readyWithin", "(found \"ten minutes\")"),
                invalid("a deadline as a number", validWith("readyWithin: PT10M", "readyWithin: 600"),
                        "/roles/worker/readyWithin", "must be of type string (found integer 600)"),
                invalid("a zero lease", validWith("lease: PT2H", "lease: PT0S"),
                        "/lease", "must be a positive ISO-8601 duration"),
                invalid("a lease in months", validWith("lease: PT2H", "lease: P1M"),
                        "/lease", "(found \"P1M\")"),
                invalid("a missing lease", validWith("lease: PT2H\n", ""),
                        "/lease", "is required but missing"),
                invalid("an unknown failure policy", validWith("lease: PT2H\n", "lease: PT2H\nonFailure: ignore\n"),
                        "/onFailure", "must be one of \"teardown\", \"keep\" (found \"ignore\")"),
                invalid("a misspelt role field", validWith("maxBatch: 2", "maxbatch: 2"),
                        "/roles/worker/maxbatch", "is not a known property; allowed here: image, size, count"),
                invalid("a role name with a dash", validWith("  worker:\n", "  big-worker:\n"),
                        "/roles/big-worker", "must be a lower-case letter followed by at most 19 lower-case letters and"
                                + " digits (no '-': role names are part of node names) (found \"big-worker\")"),
                invalid("a script referring to an unknown fact", validWith("run: echo {{members}}", "run: echo {{membres}}"),
                        "/roles/head/scripts/0/run", "refers to {{membres}}, which is neither a parameter nor a cluster fact"),
                invalid("a script referring to an unknown role", validWith("run: echo {{members}}",
                                "run: echo {{role.compute.members}}"),
                        "/roles/head/scripts/0/run", "the template has no role \"compute\"; roles: head, worker"),
                invalid("a script using the shell's ${...} for a fact", validWith("run: echo {{members}}", "run: echo ${members}"),
                        "/roles/head/scripts/0/run", "uses the shell's ${members} on line 1; write {{members}}"),
                invalid("a placeholder inside double quotes", validWith("run: echo {{members}}", "run: echo \"{{members}}\""),
                        "/roles/head/scripts/0/run", "placeholder {{members}} on line 1 stands inside double quotes, where"
                                + " quoting cannot protect a value"),
                invalid("a placeholder in a comment", validWith("run: echo {{members}}", "run: \"true # {{members}}\""),
                        "/roles/head/scripts/0/run", "stands in a comment"),
                invalid("a script with a TSI command", validWith("run: echo {{members}}", "run: \"echo\\n#TSI_PING\""),
                        "/roles/head/scripts/0/run", "must not contain #TSI_ (line 2): the TSI would read it as part of its protocol"),
                invalid("a script with braces that are no placeholder", validWith("run: echo {{members}}", "run: echo {{ 1 }}"),
                        "/roles/head/scripts/0/run", "has \"{{\" that does not start a placeholder {{name}} (line 1)"),
                invalid("two scripts of one name", validWith("        run: echo {{members}}\n",
                                "        run: echo {{members}}\n      - name: hosts\n        run: echo again\n"),
                        "/roles/head/scripts/1/name", "is the name of script 0 already"),
                invalid("a reference to an undeclared parameter", validWith("cores: 2", "cores: ${cores}"),
                        "/roles/worker/size/cores", "refers to ${cores}, which is no parameter of this template; parameters: workers"),
                invalid("a parameter whose default is not of its type", validWith("default: 3", "default: three"),
                        "/parameters/workers/default", "must be of type integer (found string \"three\")"),
                invalid("a parameter of an unknown type", validWith("type: integer", "type: number"),
                        "/parameters/workers/type", "must be one of \"integer\", \"string\", \"boolean\", \"duration\""),
                invalid("a parameter with a reserved name", validWith("  workers:\n    type", "  members:\n    type")
                                .replace("${workers}", "3"),
                        "/parameters/members", "is a reserved word"),
                invalid("image requirements that require nothing", validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                                "    image: {}\n    size:\n      cores: 2"),
                        "/roles/worker/image", "must require something: name, os, applications, minCores,"),
                invalid("image requirements with a version range that is none", validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                                "    image: {applications: [{name: openmpi, version: \"about 4\"}]}\n    size:\n      cores: 2"),
                        "/roles/worker/image/applications/0/version", "must be comma-separated constraints such as >=5.1,<6"),
                invalid("image requirements with a key the catalogue does not know", validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                                "    image: {cpus: 2}\n    size:\n      cores: 2"),
                        "/roles/worker/image/cpus", "is not a known property; allowed here: name, os, applications, minCores"),
                invalid("an image that is neither a reference nor requirements", validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                                "    image: 5\n    size:\n      cores: 2"),
                        "/roles/worker/image", "must be of type [string, object] (found integer 5)"),
                invalid("a reference without its closing brace", validWith("count: ${workers}", "count: ${workers"),
                        "/roles/worker/count", "has a \"${\" without a closing \"}\" (found \"${workers\")"),
                invalid("a parameter without a default and no value given", validWith("    default: 3\n", ""),
                        "/parameters/workers", "has no default and no value was given; start with workers=<integer>"),
                invalid("no roles", VALID.substring(0, VALID.indexOf("roles:")) + "roles: {}\n",
                        "/roles", "must have at least one role (found {})"));
    }

    private static Arguments invalid(String what, String text, String path, String message) {
        return Arguments.of(what, text, path, message);
    }

    @ParameterizedTest(name = "{0} is rejected at its path")
    @MethodSource("invalidTemplates")
    void an_invalid_template_is_rejected_with_the_path_of_the_error(String what, String text, String path,
            String message) {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read(text));

        assertThat(rejected).as(what).isNotNull();
        assertThat(rejected.errors()).as(what).anySatisfy(error -> {
            assertThat(error.origin()).isEqualTo("sim.yaml");
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void every_error_of_a_template_is_reported_at_once() {
        String text = validWith("parents: [head]", "parents: [hed]")
                .replace("    count: 1\n", "    count: -1\n")
                .replace("lease: PT2H", "lease: forever")
                .replace("minReady: 2", "minReady: 9");

        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read(text));

        assertThat(rejected.errors()).extracting(ValidationError::path).containsExactlyInAnyOrder(
                "/roles/head/count", "/lease", "/roles/worker/parents/0", "/roles/worker/minReady");
        assertThat(rejected).hasMessageStartingWith("cluster template rejected, 4 errors:\n  sim.yaml ");
    }

    @Test
    void a_cycle_through_several_roles_is_reported_once_with_its_roles_in_order() {
        String text = VALID.replace("    count: 1\n", "    count: 1\n    parents: [gpu]\n") + """
                  gpu:
                    image: udre-guest:1.0
                    size: {cores: 1, memoryMiB: 256}
                    count: 1
                    parents: [worker]
                    readyWithin: PT5M
                """;

        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read(text));

        assertThat(rejected.errors()).containsExactly(new ValidationError("sim.yaml", "/roles/head/parents",
                "roles wait for each other in a cycle: head -> gpu -> worker -> head (a -> b: b is among a's parents),"
                        + " so none of them could ever start"));
    }

    @Test
    void text_that_is_not_yaml_is_rejected_with_its_position() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read("name: [sim\nroles: {"));

        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEmpty();
            assertThat(error.message()).startsWith("is not valid YAML at line");
        });
    }

    @Test
    void a_key_written_twice_is_an_error_not_a_silent_choice() {
        String text = validWith("  worker:\n", "  head:\n    image: x\n  worker:\n");

        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read(text));

        assertThat(rejected.errors()).singleElement().extracting(ValidationError::message).asString()
                .contains("Duplicate field 'head'");
    }

    @Test
    void a_second_document_in_the_file_is_an_error() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read(VALID + "---\nname: other\n"));

        assertThat(rejected.errors()).singleElement().extracting(ValidationError::message).asString()
                .startsWith("holds more than one document");
    }

    @Test
    void an_empty_document_is_an_error() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read("# nothing here\n"));

        assertThat(rejected.errors()).containsExactly(
                new ValidationError("sim.yaml", "", "the document is empty; expected one template"));
    }

    @Test
    void a_document_that_is_not_a_mapping_is_an_error_of_the_whole_document() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> read("- a\n- b\n",
                "workers=3"));

        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEmpty();
            assertThat(error.message()).startsWith("must be of type object (found array");
        });
    }
}
