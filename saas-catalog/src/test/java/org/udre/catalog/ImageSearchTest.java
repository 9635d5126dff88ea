package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PUBLISHED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant WITHDRAWN = Instant.parse("2026-11-20T00:00:00Z");

    /** A small site: shells on Debian, an HPC image on Rocky, a bigger Debian, an old one, an odd one, a withdrawn one. */
    private static final List<ImageVersion> CATALOGUE = List.of(
            available(image("shell", "1.0", "debian", "12", "bash 5.2, busybox 1.35", 1, 256, 1, "demo")),
            available(image("shell", "1.1", "debian", "12", "bash 5.2.15, busybox 1.35", 1, 256, 1, "demo")),
            available(image("hpc", "2.0", "rocky", "9.4", "bash 5.1, gromacs 2024.1", 8, 16384, 20, "hpc")),
            available(image("hpc", "2.1", "rocky", "9.4", "bash 5.1, gromacs 2024.2", 8, 16384, 20, "hpc gpu")),
            available(image("big", "1.0", "debian", "12", "bash 5.2", 4, 4096, 10, "demo")),
            available(image("old", "1.0", "debian", "11", "bash 5.1", 1, 256, 1, "")),
            available(image("odd", "1.0", "ubuntu", "24.04", "tool git-abc", 1, 512, 1, "")),
            withdrawn(image("shell", "0.9", "debian", "12", "bash 5.2", 1, 256, 1, "demo"), "bash bug"));

    static Stream<Arguments> searches() {
        return Stream.of(
                row("nothing required: everything available, fewest resources first, then newest",
                        "{}", "shell:1.1 old:1.0 shell:1.0 odd:1.0 big:1.0 hpc:2.1 hpc:2.0"),
                row("an application version range: newest application version first, then fewest resources",
                        "{\"applications\": [{\"name\": \"bash\", \"version\": \">=5.2,<6\"}]}",
                        "shell:1.1 shell:1.0 big:1.0"),
                row("an application by name in another case, any version",
                        "{\"applications\": [{\"name\": \"GROMACS\"}]}", "hpc:2.1 hpc:2.0"),
                row("an exact application version compares by release, so 5.2.15 is not 5.2",
                        "{\"name\": \"shell\", \"applications\": [{\"name\": \"bash\", \"version\": \"5.2\"}]}", "shell:1.0"),
                row("an OS version range and a minimum of cores",
                        "{\"os\": {\"distribution\": \"debian\", \"version\": \">=12\"}, \"minCores\": 2}", "big:1.0"),
                row("an OS version range below a release compares numerically (9.4 < 12)",
                        "{\"os\": {\"family\": \"linux\", \"version\": \"<12\"}}", "old:1.0 hpc:2.1 hpc:2.0"),
                row("every tag required must be carried", "{\"tags\": [\"hpc\", \"gpu\"]}", "hpc:2.1"),
                row("memory and disk minimums", "{\"minMemoryMiB\": 4096, \"minDiskGiB\": 11}", "hpc:2.1 hpc:2.0"),
                row("an application whose version is not comparable meets a requirement of any version",
                        "{\"applications\": [{\"name\": \"tool\"}]}", "odd:1.0"),
                row("but no version range", "{\"applications\": [{\"name\": \"tool\", \"version\": \">=1\"}]}", ""),
                row("two applications rank by the first one listed, then the second",
                        "{\"applications\": [{\"name\": \"busybox\"}, {\"name\": \"bash\"}]}", "shell:1.1 shell:1.0"));
    }

    private static Arguments row(String what, String requirements, String expected) {
        return Arguments.of(what, requirements, expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searches")
    void a_search_lists_the_available_versions_that_meet_every_requirement_best_first(
            String what, String requirements, List<String> expected) throws Exception {
        SearchResult result = ImageSearch.search(requirements(requirements), CATALOGUE, false);

        assertThat(result.matches()).extracting(Image::ref).containsExactlyElementsOf(expected);
        assertThat(result.rejections()).isEmpty();
    }

    static Stream<Arguments> explanations() {
        String demanding = """
                {"os": {"family": "linux", "distribution": "debian", "version": ">=12"},
                 "applications": [{"name": "bash", "version": ">=5.2"}, {"name": "gromacs"}],
                 "minCores": 4, "minMemoryMiB": 8192, "tags": ["hpc"]}
                """;
        return Stream.of(
                Arguments.of(demanding, "hpc:2.0", List.of(
                        "os distribution is \"rocky\", not \"debian\"",
                        "os version 9.4 is not in >=12",
                        "application \"bash\" 5.1 is not in >=5.2")),
                Arguments.of(demanding, "shell:1.0", List.of(
                        "application \"gromacs\" is not installed",
                        "cores: 1, fewer than the 4 required",
                        "memoryMiB: 256, less than the 8192 required",
                        "tag \"hpc\" is missing")),
                Arguments.of(demanding, "shell:0.9", List.of(
                        "withdrawn at 2026-11-20T00:00:00Z: bash bug",
                        "application \"gromacs\" is not installed",
                        "cores: 1, fewer than the 4 required",
                        "memoryMiB: 256, less than the 8192 required",
                        "tag \"hpc\" is missing")),
                Arguments.of("{\"applications\": [{\"name\": \"tool\", \"version\": \">=1\"}]}", "odd:1.0", List.of(
                        "application \"tool\" git-abc (not a version that can be compared) is not in >=1")),
                Arguments.of("{\"name\": \"shell\", \"os\": {\"version\": \"24\"}}", "odd:1.0", List.of(
                        "name is \"odd\", not \"shell\"", "os version 24.04 is not in =24")),
                Arguments.of("{}", "shell:0.9", List.of("withdrawn at 2026-11-20T00:00:00Z: bash bug")));
    }

    @ParameterizedTest(name = "{1} for {0}")
    @MethodSource("explanations")
    void an_explained_search_gives_every_reason_each_other_version_does_not_match(
            String requirements, String ref, List<String> reasons) throws Exception {
        SearchResult result = ImageSearch.search(requirements(requirements), CATALOGUE, true);

        assertThat(result.rejections()).filteredOn(r -> r.ref().equals(ref)).singleElement()
                .extracting(SearchResult.Rejection::reasons).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactlyElementsOf(reasons);
    }

    @Test
    void an_explained_search_accounts_for_every_version_exactly_once() throws Exception {
        SearchResult result = ImageSearch.search(requirements("{\"tags\": [\"demo\"]}"), CATALOGUE, true);

        assertThat(result.matches()).extracting(Image::ref).containsExactly("shell:1.1", "shell:1.0", "big:1.0");
        assertThat(result.rejections()).extracting(SearchResult.Rejection::ref)
                .containsExactly("hpc:2.0", "hpc:2.1", "odd:1.0", "old:1.0", "shell:0.9");
    }

    @Test
    void requirements_that_break_their_schema_are_rejected_with_the_path_of_every_error() {
        var rejected = catchThrowableOfType(InvalidDocumentException.class, () -> requirements("""
                {"os": {"family": "Linux", "release": "12"},
                 "applications": [{"version": ">=1"}, {"name": "bash", "version": "five"}],
                 "minCores": 0, "colour": "blue"}
                """));

        assertThat(rejected.errors()).extracting(ValidationError::path).containsExactlyInAnyOrder(
                "/os/family", "/os/release", "/applications/0/name", "/applications/1/version", "/minCores", "/colour");
        assertThat(rejected).hasMessageStartingWith("image requirements rejected, 6 errors:")
                .hasMessageContaining("(found \"five\")");
    }

    @Test
    void the_schema_and_the_code_agree_on_what_a_version_range_is() {
        JsonNode schema = DocumentSchema.shipped(DocumentSchema.IMAGE_REQUIREMENTS).document();

        assertThat(schema.at("/$defs/versionRange/pattern").asText()).isEqualTo(VersionRange.PATTERN.pattern());
    }

    private static ImageRequirements requirements(String json) throws Exception {
        return ImageRequirements.fromJson("request", JSON.readTree(json));
    }

    private static ImageVersion available(Image image) {
        return new ImageVersion(image, JSON.createObjectNode(), "test", PUBLISHED, null);
    }

    private static ImageVersion withdrawn(Image image, String reason) {
        return new ImageVersion(image, JSON.createObjectNode(), "test", PUBLISHED,
                new ImageVersion.Withdrawal(WITHDRAWN, reason));
    }

    /** @param applications "name version, name version" */
    static Image image(String name, String version, String distribution, String osVersion, String applications,
            int cores, int memoryMiB, int diskGiB, String tags) {
        List<Image.Application> installed = new ArrayList<>();
        for (String application : applications.split(", ")) {
            String[] nameAndVersion = application.split(" ");
            installed.add(new Image.Application(nameAndVersion[0], nameAndVersion[1]));
        }
        return new Image(name, version, name + " " + version, new Image.OperatingSystem("linux", distribution, osVersion),
                installed, new Image.Resources(cores, memoryMiB, diskGiB),
                new Image.Disk(name + "-" + version + ".qcow2", "qcow2"),
                new Image.TsiSetup(4433, "10.4.0", "nobody", "/var/lib/udre/jobs", Duration.ofSeconds(60)),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" ")));
    }
}
