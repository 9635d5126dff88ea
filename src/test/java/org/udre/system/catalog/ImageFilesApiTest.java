package org.udre.system.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;

/**
 * Image files registered over HTTP and used when a job first needs its image on a host. The simulated host cannot
 * receive uploads, so there the file is checked and the volume made empty; a file changed since it was registered
 * fails the job's provisioning instead.
 */
class ImageFilesApiTest extends CatalogEngineTest {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @TempDir
    Path dir;
    @Autowired
    Jobs jobs;
    @Autowired
    Hosts hosts;

    @Test
    void a_registered_file_is_checked_again_when_a_job_first_needs_the_image_and_the_job_runs() throws Exception {
        post("/api/images", ImagesApiTest.metadata("api-file", "1.0", "5.2", 1), YAML);
        byte[] content = qcow2Like("first");
        Path file = Files.write(dir.resolve("api-file-1.0.qcow2"), content);

        ResponseEntity<Map> registered = register("api-file", "1.0", file, sha256(content), content.length);
        JobStatus status = run("api-file:1.0");

        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(registered.getBody()).containsEntry("volume", "api-file-1.0.qcow2").containsEntry("sha256", sha256(content));
        assertThat(status.state()).as("%s", status).isEqualTo("SUCCEEDED");
        UdreProperties.Host sim = hosts.settings("sim");
        assertThat(hosts.volumes("sim").exists(sim.pool(), "api-file-1.0.qcow2")).isTrue();
    }

    @Test
    void a_file_whose_checksum_is_wrong_is_refused_with_400_and_nothing_is_registered() throws Exception {
        post("/api/images", ImagesApiTest.metadata("api-file-wrong", "1.0", "5.2", 1), YAML);
        byte[] content = qcow2Like("wrong");
        Path file = Files.write(dir.resolve("wrong.qcow2"), content);

        ResponseEntity<Map> refused = register("api-file-wrong", "1.0", file, sha256(qcow2Like("other")), content.length);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("error")).contains(file.toString()).contains(sha256(content));
        assertThat(rowsOf("api-file-wrong")).isEqualTo(1);
    }

    @Test
    void a_file_changed_after_it_was_registered_fails_the_jobs_provisioning_and_is_not_used() throws Exception {
        post("/api/images", ImagesApiTest.metadata("api-file-changed", "1.0", "5.2", 1), YAML);
        byte[] content = qcow2Like("original");
        Path file = Files.write(dir.resolve("changed.qcow2"), content);
        register("api-file-changed", "1.0", file, sha256(content), content.length);
        Files.write(file, qcow2Like("replaced"));

        JobStatus status = run("api-file-changed:1.0");

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failureCode()).isEqualTo("PROVISIONING_FAILED");
        assertThat(status.failureReason()).contains("not the SHA-256 " + sha256(content));
        UdreProperties.Host sim = hosts.settings("sim");
        assertThat(hosts.volumes("sim").exists(sim.pool(), "api-file-changed-1.0.qcow2")).isFalse();
    }

    private ResponseEntity<Map> register(String name, String version, Path file, String sha256, long size) {
        return postJson("/api/images/" + name + "/" + version + "/files", """
                {"location": "%s", "sha256": "%s", "sizeBytes": %d}
                """.formatted(file, sha256, size));
    }

    private JobStatus run(String image) {
        String id = jobs.start(new JobRequest(image, "echo ok", null, null, null, null, "sim", null));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> jobs.status(id).ended());
        return jobs.status(id);
    }

    /** Bytes that start like a qcow2 file, so that a format check before an upload accepts them. */
    private static byte[] qcow2Like(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[512 + body.length];
        content[0] = 'Q';
        content[1] = 'F';
        content[2] = 'I';
        content[3] = (byte) 0xfb;
        content[7] = 3;
        System.arraycopy(body, 0, content, 512, body.length);
        return content;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
