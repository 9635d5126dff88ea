package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeds written by the machine's xorriso and read back with it; skipped where xorriso is not installed. */
class NoCloudSeedTest {

    private static final NoCloudSeed SEED = new NoCloudSeed("instance-id: vm-1\n", "#cloud-config\n",
            Map.of("udre.env", "TSI_PORT='4433'\n"));

    private static void assumeXorriso() {
        assumeTrue(isInstalled(), "xorriso is not installed (Debian package xorriso)");
    }

    private static boolean isInstalled() {
        try {
            return IsoTool.find().xorriso();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Path extract(Path iso, Path into) throws Exception {
        Process process = new ProcessBuilder("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/",
                into.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return into;
    }

    /** The volume identifier: 32 bytes at offset 40 of the primary volume descriptor (sector 16). */
    private static String label(Path iso) throws Exception {
        byte[] bytes = Files.readAllBytes(iso);
        return new String(Arrays.copyOfRange(bytes, 16 * 2048 + 40, 16 * 2048 + 72), StandardCharsets.US_ASCII)
                .strip();
    }

    @Test
    void a_seed_is_an_iso_labelled_cidata_with_meta_data_user_data_and_its_files(@TempDir Path dir) throws Exception {
        assumeXorriso();

        Path iso = SEED.writeIso(dir.resolve("seed.iso"));

        assertThat(label(iso)).isEqualTo("cidata");
        assertThat(ImageFormat.of(iso)).isEqualTo("iso");
        Path files = extract(iso, dir.resolve("read-back"));
        assertThat(files.resolve("meta-data")).hasContent("instance-id: vm-1");
        assertThat(files.resolve("user-data")).hasContent("#cloud-config");
        assertThat(files.resolve("udre.env")).hasContent("TSI_PORT='4433'");
        assertThat(dir).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith(".seed-"));
    }

    @Test
    void the_same_seed_gives_the_same_bytes_so_a_retry_can_adopt_the_uploaded_volume(@TempDir Path dir)
            throws Exception {
        assumeXorriso();

        Path first = SEED.writeIso(dir.resolve("first.iso"));
        Thread.sleep(1100); // a clock-dependent writer would now stamp another second
        Path second = SEED.writeIso(dir.resolve("second.iso"));

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void without_xorriso_or_genisoimage_writing_is_refused_naming_the_debian_package(@TempDir Path emptyPath) {
        assertThatThrownBy(() -> IsoTool.find(emptyPath.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither xorriso nor genisoimage is on the PATH (" + emptyPath + ")")
                .hasMessageContaining("install the Debian package xorriso");
    }

    @ParameterizedTest(name = "seed file name [{0}] is refused")
    @ValueSource(strings = {"", "meta-data", "user-data", "../x", "a b", ".hidden"})
    void a_seed_file_name_that_is_not_a_plain_name_or_is_meta_data_or_user_data_is_refused(String bad) {
        assertThatThrownBy(() -> new NoCloudSeed("", "", Map.of(bad, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed file name " + LibvirtNames.quote(bad));
    }

    @Test
    void a_seed_without_meta_data_is_refused() {
        assertThatThrownBy(() -> new NoCloudSeed(null, "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a NoCloud seed needs meta-data");
    }
}
