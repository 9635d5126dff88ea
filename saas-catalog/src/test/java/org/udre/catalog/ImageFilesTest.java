package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.udre.catalog.ImageMetadataTexts.image;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    private static final byte[] CONTENT = "QFI\u00fb pretend qcow2 content".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final DataSource database = CatalogDatabase.migrated();
    private final ImageStore store = new ImageStore(database);
    private final ImageFiles files = new ImageFiles(database, store);
    private HttpServer server;

    ImageFilesTest() {
        store.publish(new MetadataSource("alpha.yaml", image("alpha", "1.0") + """
                boot:
                  kernel: alpha-vmlinuz
                  initrd: alpha-initrd
                """));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_file_whose_content_has_the_given_checksum_and_size_is_registered_for_the_base_volume() throws IOException {
        Path file = write("alpha.qcow2", CONTENT);

        ImageFile registered = files.register("alpha", "1.0", null, file.toString(), sha256(CONTENT).toUpperCase(),
                CONTENT.length);

        assertThat(registered.volume()).isEqualTo("udre-guest-1.0.qcow2");
        assertThat(registered.sha256()).isEqualTo(sha256(CONTENT));
        assertThat(files.files("alpha", "1.0")).containsExactly(registered);
    }

    @Test
    void a_file_whose_content_differs_from_its_checksum_is_refused_and_nothing_is_registered() throws IOException {
        Path file = write("alpha.qcow2", CONTENT);
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> files.register("alpha", "1.0", null, file.toString(), wrong, CONTENT.length))
                .isInstanceOf(ImageFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(sha256(CONTENT)).hasMessageContaining(wrong);
        assertThatThrownBy(() -> files.register("alpha", "1.0", null, file.toString(), sha256(CONTENT), 3))
                .isInstanceOf(ImageFileException.class).hasMessageContaining("3 bytes expected");
        assertThat(CatalogDatabase.rowCounts(database)).containsEntry("catalog_image_file", 0);
    }

    @Test
    void the_same_content_again_is_a_no_op_or_a_move_and_other_content_for_the_volume_is_a_conflict() throws IOException {
        Path first = write("first.qcow2", CONTENT);
        Path moved = write("moved.qcow2", CONTENT);
        byte[] other = "other content".getBytes(StandardCharsets.UTF_8);
        Path different = write("other.qcow2", other);
        ImageFile registered = files.register("alpha", "1.0", null, first.toString(), sha256(CONTENT), CONTENT.length);

        assertThat(files.register("alpha", "1.0", null, first.toString(), sha256(CONTENT), CONTENT.length))
                .isEqualTo(registered);
        assertThat(files.register("alpha", "1.0", null, moved.toUri().toString(), sha256(CONTENT), CONTENT.length)
                .location()).isEqualTo(moved.toUri().toString());
        var conflict = catchThrowableOfType(ImageVersionConflictException.class, () -> files.register("alpha", "1.0",
                null, different.toString(), sha256(other), other.length));
        assertThat(conflict.conflicts().get(0).differences()).singleElement().asString()
                .startsWith("/files/udre-guest-1.0.qcow2: published SHA-256 " + sha256(CONTENT));
        assertThat(files.files("alpha", "1.0")).singleElement().extracting(ImageFile::sha256).isEqualTo(sha256(CONTENT));
    }

    @Test
    void files_are_registered_for_the_kernel_and_initramfs_of_a_direct_boot_but_not_for_other_volumes() throws IOException {
        Path kernel = write("vmlinuz", CONTENT);

        files.register("alpha", "1.0", "alpha-vmlinuz", kernel.toString(), sha256(CONTENT), CONTENT.length);

        assertThat(files.file("alpha", "1.0", "alpha-vmlinuz")).isPresent();
        assertThatThrownBy(() -> files.register("alpha", "1.0", "etc-shadow", kernel.toString(), sha256(CONTENT),
                CONTENT.length)).hasMessage("image alpha:1.0 has no volume \"etc-shadow\"; its volumes: "
                + "udre-guest-1.0.qcow2, alpha-vmlinuz, alpha-initrd");
        assertThatThrownBy(() -> files.register("beta", "1.0", null, kernel.toString(), sha256(CONTENT), CONTENT.length))
                .isInstanceOf(UnknownImageException.class);
        assertThatThrownBy(() -> files.register("alpha", "1.0", null, "images/relative.qcow2", sha256(CONTENT),
                CONTENT.length)).hasMessageContaining("\"images/relative.qcow2\"");
    }

    @Test
    void a_file_served_over_http_is_checked_when_registered_downloaded_once_and_checked_again_when_used() throws IOException {
        AtomicInteger downloads = serve(CONTENT);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/alpha.qcow2";
        ImageFile registered = files.register("alpha", "1.0", null, url, sha256(CONTENT), CONTENT.length);

        Path copy = files.verifiedCopy(registered, dir.resolve("downloads"));
        Path again = files.verifiedCopy(registered, dir.resolve("downloads"));

        assertThat(copy).isEqualTo(again).hasBinaryContent(CONTENT);
        assertThat(downloads).hasValue(2);
        Files.write(copy, "damaged".getBytes(StandardCharsets.UTF_8));
        assertThat(files.verifiedCopy(registered, dir.resolve("downloads"))).hasBinaryContent(CONTENT);
        assertThat(downloads).hasValue(3);
    }

    @Test
    void a_local_file_changed_after_registration_is_refused_when_it_is_used() throws IOException {
        Path file = write("alpha.qcow2", CONTENT);
        ImageFile registered = files.register("alpha", "1.0", null, file.toString(), sha256(CONTENT), CONTENT.length);
        Files.write(file, "tampered".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> files.verifiedCopy(registered, dir.resolve("downloads")))
                .isInstanceOf(ImageFileException.class).hasMessageContaining("not the SHA-256 " + sha256(CONTENT));
    }

    @Test
    void an_upload_is_recorded_before_it_starts_so_that_one_cut_short_is_recognised() {
        VolumeUploads uploads = new VolumeUploads(database);
        String sha = sha256(CONTENT);

        uploads.starting("qemu:///system", "default", "alpha.qcow2", sha);
        assertThat(uploads.upload("qemu:///system", "default", "alpha.qcow2")).contains(new VolumeUploads.Upload(sha, false));
        uploads.completed("qemu:///system", "default", "alpha.qcow2");
        assertThat(uploads.upload("qemu:///system", "default", "alpha.qcow2")).contains(new VolumeUploads.Upload(sha, true));
        uploads.forget("qemu:///system", "default", "alpha.qcow2");
        uploads.forget("qemu:///system", "default", "alpha.qcow2");
        assertThat(uploads.upload("qemu:///system", "default", "alpha.qcow2")).isEmpty();
    }

    private AtomicInteger serve(byte[] content) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alpha.qcow2", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content);
            exchange.close();
        });
        server.start();
        return requests;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
