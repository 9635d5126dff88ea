package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.udre.catalog.ImageMetadataTexts.VALID;
import static org.udre.catalog.ImageMetadataTexts.validWith;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageMetadataReaderTest {

    @Test
    void a_valid_document_becomes_the_image_it_describes() {
        Image image = ImageMetadataReader.read(new MetadataSource("guest.yaml", VALID));

        assertThat(image).isEqualTo(new Image("udre-guest", "1.0", "A small guest.",
                new Image.OperatingSystem("linux", "debian", "12"),
                List.of(new Image.Application("bash", "5.2"), new Image.Application("busybox", "1.35")),
                new Image.Resources(1, 256, 1),
                new Image.Disk("udre-guest-1.0.qcow2", "qcow2"),
                new Image.TsiSetup(4433, "10.4.0", "nobody", "/var/lib/udre/jobs", Duration.ofSeconds(60)),
                List.of("demo")));
        assertThat(image.ref()).isEqualTo("udre-guest:1.0");
    }

    @Test
    void applications_and_tags_may_be_left_out() {
        String text = validWith("""
                applications:
                  - name: bash
                    version: "5.2"
                  - name: busybox
                    version: "1.35"
                """, "").replace("tags: [demo]\n", "");

        Image image = ImageMetadataReader.read(new MetadataSource("bare.yaml", text));

        assertThat(image.applications()).isEmpty();
        assertThat(image.tags()).isEmpty();
    }

    @Test
    void the_same_image_written_as_json_is_read_alike() {
        String json = """
                {"name": "udre-guest", "version": "1.0", "description": "A small guest.",
                 "os": {"family": "linux", "distribution": "debian", "version": "12"},
                 "applications": [{"name": "bash", "version": "5.2"}, {"name": "busybox", "version": "1.35"}],
                 "resources": {"cores": 1, "memoryMiB": 256, "diskGiB": 1},
                 "disk": {"volume": "udre-guest-1.0.qcow2", "format": "qcow2"},
                 "tsi": {"port": 4433, "minimumVersion": "10.4.0", "user": "nobody",
                         "workspace": "/var/lib/udre/jobs", "readyWithin": "PT60S"},
                 "tags": ["demo"]}
                """;

        assertThat(ImageMetadataReader.read(new MetadataSource("guest.json", json)))
                .isEqualTo(ImageMetadataReader.read(new MetadataSource("guest.yaml", VALID)));
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                invalid("a missing top-level field", validWith("description: A small guest.\n", ""),
                        "/description", "is required but missing"),
                invalid("a missing nested field", validWith("  port: 4433\n", ""),
                        "/tsi/port", "is required but missing"),
                invalid("a missing field of a list item", validWith("    version: \"1.35\"\n", ""),
                        "/applications/1/version", "is required but missing"),
                invalid("a number written as text", validWith("memoryMiB: 256", "memoryMiB: \"256\""),
                        "/resources/memoryMiB", "must be of type integer (found string \"256\")"),
                invalid("a fraction where a whole number belongs", validWith("diskGiB: 1", "diskGiB: 1.5"),
                        "/resources/diskGiB", "(found number 1.5)"),
                invalid("an unquoted version that YAML reads as a number", validWith("version: \"1.0\"", "version: 1.10"),
                        "/version", "must be of type string (found number 1.1); put it in quotes"),
                invalid("an object where text belongs", validWith("os:\n  family: linux\n  distribution: debian\n  version: \"12\"\n", "os: linux\n"),
                        "/os", "must be of type object (found string \"linux\")"),
                invalid("a negative number of cores", validWith("cores: 1", "cores: -2"),
                        "/resources/cores", "must have a minimum value of 1 (found -2)"),
                invalid("zero cores", validWith("cores: 1", "cores: 0"),
                        "/resources/cores", "(found 0)"),
                invalid("too little memory", validWith("memoryMiB: 256", "memoryMiB: 8"),
                        "/resources/memoryMiB", "(found 8)"),
                invalid("a port above 65535", validWith("port: 4433", "port: 70000"),
                        "/tsi/port", "must have a maximum value of 65535 (found 70000)"),
                invalid("port zero", validWith("port: 4433", "port: 0"),
                        "/tsi/port", "(found 0)"),
                invalid("a negative duration", validWith("readyWithin: PT60S", "readyWithin: PT-5S"),
                        "/tsi/readyWithin", "must be a positive ISO-8601 duration"),
                invalid("a zero duration", validWith("readyWithin: PT60S", "readyWithin: PT0S"),
                        "/tsi/readyWithin", "(found \"PT0S\")"),
                invalid("a duration in words", validWith("readyWithin: PT60S", "readyWithin: 60 seconds"),
                        "/tsi/readyWithin", "(found \"60 seconds\")"),
                invalid("a duration in months", validWith("readyWithin: PT60S", "readyWithin: P1M"),
                        "/tsi/readyWithin", "(found \"P1M\")"),
                invalid("a duration as a number", validWith("readyWithin: PT60S", "readyWithin: 60"),
                        "/tsi/readyWithin", "must be of type string (found integer 60)"),
                invalid("a name with a space", validWith("name: udre-guest\n", "name: udre guest\n"),
                        "/name", "may contain only letters, digits, '.', '-' and '_'"),
                invalid("a name with a slash", validWith("name: udre-guest\n", "name: a/b\n"),
                        "/name", "(found \"a/b\")"),
                invalid("a name starting with a dash", validWith("name: udre-guest\n", "name: \"-guest\"\n"),
                        "/name", "(found \"-guest\")"),
                invalid("a volume leaving the pool", validWith("volume: udre-guest-1.0.qcow2", "volume: ../../etc/shadow"),
                        "/disk/volume", "(found \"../../etc/shadow\")"),
                invalid("a name longer than 64 characters", validWith("name: udre-guest\n", "name: " + "x".repeat(65) + "\n"),
                        "/name", "must be at most 64 characters long"),
                invalid("a disk format libvirt is not asked to handle", validWith("format: qcow2", "format: vmdk"),
                        "/disk/format", "must be one of \"qcow2\", \"raw\" (found \"vmdk\")"),
                invalid("a version that is not a version", validWith("version: \"1.0\"", "version: latest"),
                        "/version", "must be dot-separated numbers"),
                invalid("a minimum TSI version that is not a version", validWith("minimumVersion: \"10.4.0\"", "minimumVersion: \">=10\""),
                        "/tsi/minimumVersion", "(found \">=10\")"),
                invalid("a user name with upper case and spaces", validWith("user: nobody", "user: Job User"),
                        "/tsi/user", "must be a POSIX user name"),
                invalid("a relative workspace", validWith("workspace: /var/lib/udre/jobs", "workspace: jobs"),
                        "/tsi/workspace", "must be an absolute path"),
                invalid("a workspace climbing out with ..", validWith("workspace: /var/lib/udre/jobs", "workspace: /var/lib/../../etc"),
                        "/tsi/workspace", "must not contain '.' or '..' segments (found \"/var/lib/../../etc\")"),
                invalid("an unknown top-level property", validWith("tags: [demo]\n", "tags: [demo]\ncolour: blue\n"),
                        "/colour", "is not a known property; allowed here: name, version, description"),
                invalid("a misspelt nested property", validWith("  port: 4433\n", "  prot: 4433\n"),
                        List.of("/tsi/prot", "/tsi/port"),
                        "allowed here: port, minimumVersion, user, workspace, readyWithin"),
                invalid("a tag given twice", validWith("tags: [demo]", "tags: [demo, demo]"),
                        "/tags", "must have only unique items in the array (found [\"demo\",\"demo\"])"),
                invalid("an upper-case tag", validWith("tags: [demo]", "tags: [Demo]"),
                        "/tags/0", "(found \"Demo\")"),
                invalid("a boot section without its kernel", validWith("tags: [demo]\n",
                                "tags: [demo]\nboot:\n  initrd: guest.initrd\n"),
                        "/boot/kernel", "is required but missing"),
                invalid("a kernel volume leaving the pool", validWith("tags: [demo]\n",
                                "tags: [demo]\nboot:\n  kernel: ../vmlinuz\n  initrd: guest.initrd\n"),
                        "/boot/kernel", "(found \"../vmlinuz\")"),
                invalid("a kernel command line of two lines", validWith("tags: [demo]\n",
                                "tags: [demo]\nboot:\n  kernel: guest.vmlinuz\n  initrd: guest.initrd\n"
                                        + "  cmdline: \"quiet\\ninit=/bin/sh\"\n"),
                        "/boot/cmdline", "must be one line without control characters"),
                invalid("a misspelt boot property", validWith("tags: [demo]\n",
                                "tags: [demo]\nboot:\n  kernel: guest.vmlinuz\n  initrd: guest.initrd\n"
                                        + "  commandline: quiet\n"),
                        "/boot/commandline", "is not a known property; allowed here: kernel, initrd, cmdline"),
                invalid("a list where one image belongs", "- name: udre-guest\n",
                        "", "must be of type object (found array"));
    }

    private static Arguments invalid(String what, String text, String path, String message) {
        return invalid(what, text, List.of(path), message);
    }

    private static Arguments invalid(String what, String text, List<String> paths, String message) {
        return Arguments.of(what, text, paths, message);
    }

    @ParameterizedTest(name = "{0} is reported at {2}")
    @MethodSource("invalidDocuments")
    void an_invalid_document_is_rejected_with_the_path_and_the_bad_value(
            String what, String text, List<String> paths, String message) {
        var rejected = catchThrowableOfType(InvalidImageMetadataException.class,
                () -> ImageMetadataReader.read(new MetadataSource("bad.yaml", text)));

        assertThat(rejected).as("%s must be rejected", what).isNotNull();
        assertThat(rejected.errors()).extracting(ValidationError::path).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(rejected.errors()).extracting(ValidationError::origin).containsOnly("bad.yaml");
        assertThat(rejected.errors().get(0).message()).contains(message);
    }

    @Test
    void every_error_of_a_document_is_reported_not_only_the_first() {
        String text = VALID.replace("cores: 1", "cores: -2").replace("port: 4433", "port: 70000")
                .replace("readyWithin: PT60S", "readyWithin: soon").replace("tags: [demo]", "tag: demo")
                .replace("description: A small guest.\n", "");

        var rejected = catchThrowableOfType(InvalidImageMetadataException.class,
                () -> ImageMetadataReader.read(new MetadataSource("bad.yaml", text)));

        assertThat(rejected.errors()).extracting(ValidationError::path).containsExactlyInAnyOrder(
                "/description", "/resources/cores", "/tsi/port", "/tsi/readyWithin", "/tag");
        assertThat(rejected.getMessage())
                .startsWith("image metadata rejected, 5 errors:")
                .contains("bad.yaml /resources/cores: must have a minimum value of 1 (found -2)")
                .contains("bad.yaml /tsi/readyWithin: must be a positive ISO-8601 duration")
                .contains("(found \"soon\")");
    }

    static Stream<Arguments> unreadableDocuments() {
        return Stream.of(
                Arguments.of("an empty file", "", "the document is empty"),
                Arguments.of("only a comment", "# nothing yet\n", "the document is empty"),
                Arguments.of("broken YAML", "name: [udre-guest\nversion: \"1.0\"\n", "is not valid YAML at line"),
                Arguments.of("broken JSON", "{\"name\": \"udre-guest\",,}", "is not valid JSON at line 1"),
                Arguments.of("a key given twice", VALID + "name: other\n", "Duplicate field 'name'"),
                Arguments.of("two YAML documents in one file", VALID + "---\n" + VALID, "holds more than one document"));
    }

    @ParameterizedTest(name = "{0} is rejected as a whole document")
    @MethodSource("unreadableDocuments")
    void a_document_that_cannot_be_read_as_one_image_is_rejected_as_a_whole(String what, String text, String message) {
        var rejected = catchThrowableOfType(InvalidImageMetadataException.class,
                () -> ImageMetadataReader.read(new MetadataSource("bad.yaml", text)));

        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.origin()).isEqualTo("bad.yaml");
            assertThat(error.path()).isEmpty();
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void an_image_made_in_code_is_held_to_the_same_invariants() {
        assertThatThrownBy(() -> new Image.Resources(0, 256, 1)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> new Image.TsiSetup(4433, "10.4.0", "nobody", "/jobs", Duration.ZERO))
                .hasMessageContaining("readyWithin must be positive");
        assertThatThrownBy(() -> new Image.Disk("../x", "qcow2")).hasMessageContaining("\"../x\"");
    }
}
