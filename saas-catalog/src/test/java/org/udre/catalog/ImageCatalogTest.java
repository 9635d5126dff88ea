package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.udre.catalog.ImageMetadataTexts.VALID;
import static org.udre.catalog.ImageMetadataTexts.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCatalogTest {

    private static MetadataSource source(String origin, String text) {
        return new MetadataSource(origin, text);
    }

    @Test
    void all_lists_images_by_name_then_by_version_in_release_order() {
        ImageCatalog catalog = ImageCatalog.load(List.of(
                source("a", image("zeta", "1.0")), source("b", image("alpha", "1.10")),
                source("c", image("alpha", "1.9")), source("d", image("alpha", "2.0-rc1"))));

        assertThat(catalog.all()).extracting(Image::ref)
                .containsExactly("alpha:1.9", "alpha:1.10", "alpha:2.0-rc1", "zeta:1.0");
    }

    @Test
    void find_returns_the_image_with_exactly_that_name_and_version() {
        ImageCatalog catalog = ImageCatalog.load(List.of(source("a", image("alpha", "1.0")),
                source("b", image("alpha", "1.1"))));

        assertThat(catalog.find("alpha", "1.1")).get().extracting(Image::ref).isEqualTo("alpha:1.1");
        assertThat(catalog.find("alpha", "1.2")).isEmpty();
        assertThat(catalog.find("alpha", "1.0.0")).isEmpty();
    }

    @Test
    void require_with_a_name_alone_takes_the_newest_version() {
        ImageCatalog catalog = ImageCatalog.load(List.of(source("a", image("alpha", "1.10")),
                source("b", image("alpha", "1.9")), source("c", image("alpha", "1.10-rc1")),
                source("d", image("beta", "7"))));

        assertThat(catalog.require("alpha").version()).isEqualTo("1.10");
        assertThat(catalog.require("alpha:1.9").version()).isEqualTo("1.9");
        assertThat(catalog.require("beta").ref()).isEqualTo("beta:7");
    }

    @Test
    void require_of_an_unknown_image_lists_every_image_that_exists() {
        ImageCatalog catalog = ImageCatalog.load(List.of(source("a", image("alpha", "1.0")),
                source("b", image("beta", "2.0"))));

        for (String ref : List.of("gamma", "alpha:3.0", "alpha:", ":1.0", "")) {
            var unknown = catchThrowableOfType(UnknownImageException.class, () -> catalog.require(ref));
            assertThat(unknown.ref()).isEqualTo(ref);
            assertThat(unknown.known()).containsExactly("alpha:1.0", "beta:2.0");
            assertThat(unknown).hasMessage("no image \"" + ref + "\" in the catalogue; known images: alpha:1.0, beta:2.0");
        }
    }

    @Test
    void an_empty_catalogue_says_so_when_an_image_is_required() {
        ImageCatalog catalog = ImageCatalog.load(List.of());

        assertThat(catalog.all()).isEmpty();
        assertThatThrownBy(() -> catalog.require("udre-guest")).isInstanceOf(UnknownImageException.class)
                .hasMessageContaining("the catalogue is empty");
    }

    @Test
    void one_bad_document_fails_the_whole_load_and_every_error_of_every_bad_document_is_listed() {
        List<MetadataSource> sources = List.of(
                source("good.yaml", image("alpha", "1.0")),
                source("cores.yaml", image("beta", "1.0").replace("cores: 1", "cores: -1")),
                source("good-too.yaml", image("gamma", "1.0")),
                source("two.yaml", image("delta", "1.0").replace("port: 4433", "port: 0").replace("user: nobody", "user: \"\"")),
                source("broken.yaml", "name: [\n"));

        var rejected = catchThrowableOfType(InvalidImageMetadataException.class, () -> ImageCatalog.load(sources));

        assertThat(rejected.errors()).extracting(e -> e.origin() + " " + e.path()).containsExactly(
                "cores.yaml /resources/cores", "two.yaml /tsi/port", "two.yaml /tsi/user", "broken.yaml ");
    }

    @Test
    void the_same_name_and_version_in_two_documents_is_an_error_naming_both() {
        var rejected = catchThrowableOfType(InvalidImageMetadataException.class, () -> ImageCatalog.load(List.of(
                source("first.yaml", image("alpha", "1.0")), source("other.yaml", image("beta", "1.0")),
                source("second.yaml", image("alpha", "1.0")))));

        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.origin()).isEqualTo("second.yaml");
            assertThat(error.message()).isEqualTo(
                    "image \"alpha:1.0\" is already defined by first.yaml; each name:version must be defined once");
        });
    }

    @Test
    void a_directory_is_loaded_from_its_yaml_yml_and_json_files_only(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), image("alpha", "1.0"));
        Files.writeString(dir.resolve("b.yml"), image("beta", "1.0"));
        Files.writeString(dir.resolve("c.json"), ImageMetadataTexts.json("gamma", "1.0"));
        Files.writeString(dir.resolve("README.md"), "not metadata");
        Files.writeString(dir.resolve("d.yaml.orig"), "not: metadata");
        Files.writeString(dir.resolve(".e.yaml"), "hidden: [");
        Files.createDirectory(dir.resolve("nested.yaml"));

        ImageCatalog catalog = ImageCatalog.loadDirectory(dir);

        assertThat(catalog.all()).extracting(Image::ref).containsExactly("alpha:1.0", "beta:1.0", "gamma:1.0");
    }

    @Test
    void errors_of_a_directory_name_each_file_by_its_path(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), image("alpha", "1.0").replace("format: qcow2", "format: vdi"));
        Files.write(dir.resolve("b.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        Files.writeString(dir.resolve("c.yaml"), VALID, StandardCharsets.UTF_8);

        var rejected = catchThrowableOfType(InvalidImageMetadataException.class, () -> ImageCatalog.loadDirectory(dir));

        assertThat(rejected.errors()).extracting(ValidationError::origin, ValidationError::path).containsExactlyInAnyOrder(
                tuple(dir.resolve("a.yaml").toString(), "/disk/format"),
                tuple(dir.resolve("b.yaml").toString(), ""));
        assertThat(rejected.getMessage()).contains(dir.resolve("b.yaml") + ": is not UTF-8 text");
    }

    @Test
    void a_directory_that_does_not_exist_is_refused_with_its_path(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");

        assertThatThrownBy(() -> ImageCatalog.loadDirectory(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void the_shipped_sample_image_loads_as_udre_guest_1_0() {
        ImageCatalog catalog = ImageCatalog.loadDirectory(Path.of("images"));

        Image guest = catalog.require("udre-guest:1.0");
        assertThat(guest.ref()).isEqualTo("udre-guest:1.0");
        assertThat(guest.os()).isEqualTo(new Image.OperatingSystem("linux", "debian", "12"));
        assertThat(guest.applications()).containsExactly(new Image.Application("bash", "5.2"),
                new Image.Application("busybox", "1.35"));
        assertThat(guest.resources()).isEqualTo(new Image.Resources(1, 256, 1));
        assertThat(guest.disk()).isEqualTo(new Image.Disk("udre-guest-1.0.qcow2", "qcow2"));
        assertThat(guest.tsi()).isEqualTo(new Image.TsiSetup(4433, "10.4.0", "nobody", "/var/lib/udre/jobs",
                Duration.ofSeconds(60)));
        assertThat(guest.tags()).containsExactly("demo");
        assertThat(guest.directBoot()).isEmpty();
    }

    @Test
    void udre_guest_1_1_is_the_newest_and_the_same_guest_booted_directly_from_its_kernel_and_initramfs() {
        ImageCatalog catalog = ImageCatalog.loadDirectory(Path.of("images"));
        Image before = catalog.require("udre-guest:1.0");

        Image guest = catalog.require("udre-guest");

        assertThat(guest.ref()).isEqualTo("udre-guest:1.1");
        assertThat(guest.directBoot()).contains(new Image.Boot("udre-guest-1.0.vmlinuz", "udre-guest-1.0.initrd",
                "console=ttyS0 quiet"));
        assertThat(guest.volumes()).containsExactly("udre-guest-1.0.qcow2", "udre-guest-1.0.vmlinuz",
                "udre-guest-1.0.initrd");
        assertThat(guest.tsi().readyWithin()).isEqualTo(Duration.ofSeconds(90));
        assertThat(guest).usingRecursiveComparison().ignoringFields("version", "boot", "tsi.readyWithin")
                .isEqualTo(before);
    }
}
