package org.udre.connectors.tsi.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.JobSubmission;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.support.RawWorker;
import org.udre.connectors.tsi.support.TestTsi;

/** The agent switching users as a TSI running as root does (production mode). Needs root, as the real thing does. */
class SwitchUserTest {
    @TempDir
    Path dir;
    private TsiAgent agent;
    private RawWorker worker;

    @BeforeEach
    void start() throws IOException {
        assumeThat(FileCommands.effectiveUid()).as("switching users needs root").isZero();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        agent = TsiAgent.start(TestTsi.agentSettings(dir).withSwitchUser(true));
        worker = RawWorker.connect(agent.port());
    }

    @AfterEach
    void stop() throws IOException {
        if (agent != null) {
            worker.close();
            agent.close();
        }
    }

    @Test
    void ping_needs_no_identity_but_every_other_command_does() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_PING"))).containsExactly("TSI_OK", "11.2.1", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_GETSTATUSLISTING")))
                .containsExactly("TSI_FAILED: No user/group info given", "ENDOFMESSAGE");
    }

    @Test
    void unknown_users_and_root_are_refused_with_the_tsis_texts() throws IOException {
        assertThat(worker.exchange(List.of("#TSI_GETSTATUSLISTING", "#TSI_IDENTITY ghost-user NONE", "")))
                .containsExactly("TSI_FAILED: Attempted to run a task for an unknown user ghost-user", "ENDOFMESSAGE");
        assertThat(worker.exchange(List.of("#TSI_GETSTATUSLISTING", "#TSI_IDENTITY root NONE", "")))
                .containsExactly("TSI_FAILED: Attempted to run a command as root root", "ENDOFMESSAGE");
    }

    @Test
    void a_script_runs_as_the_user_with_its_home_and_name() throws IOException {
        assertThat(worker.exchange(List.of("#!/bin/bash", "#TSI_EXECUTESCRIPT", "#TSI_SCRIPT",
                "id -un; echo HOME=$HOME USER=$USER; pwd", "#TSI_IDENTITY nobody NONE", "")))
                .containsExactly("TSI_OK", "nobody", "HOME=" + home("nobody") + " USER=nobody", dir.toString(), "",
                        "ENDOFMESSAGE");
    }

    @Test
    void files_are_read_listed_and_written_with_the_users_permissions() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "root only");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThat(worker.exchange(List.of("#TSI_GETFILECHUNK", "#TSI_FILE " + secret, "#TSI_START 0", "#TSI_LENGTH 10",
                "#TSI_IDENTITY nobody NONE", ""))).containsExactly(
                "TSI_FAILED: [Errno 13] Permission denied: '" + secret + "'", "ENDOFMESSAGE");
        List<String> ls = worker.exchange(List.of("#TSI_LS", "#TSI_LS_MODE A", "#TSI_FILE " + secret,
                "#TSI_IDENTITY nobody NONE", ""));
        assertThat(ls.get(2)).startsWith("       9 ");
        assertThat(worker.exchange(List.of("#TSI_PUTFILECHUNK", "#TSI_FILESACTION 0", "#TSI_FILE " + dir + "/new 644",
                "#TSI_LENGTH 1", "#TSI_IDENTITY nobody NONE", ""))).containsExactly(
                "TSI_FAILED: [Errno 13] Permission denied: '" + dir + "/new'", "ENDOFMESSAGE");
    }

    @Test
    void a_job_runs_as_the_user_and_its_files_belong_to_the_user() throws Exception {
        Path job = Files.createDirectory(dir.resolve("job"));
        Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwxrwxrwx"));
        TsiAddress address = new TsiAddress("127.0.0.1", agent.port());
        try (TsiClient client = new TsiClient(TestTsi.clientSettings())) {
            Identity nobody = Identity.of("nobody");
            String bssid = client.submit(address, nobody, JobSubmission.of(job.toString(), "as-nobody", "id -un > who"));
            await().atMost(Duration.ofSeconds(10)).until(() -> client.exitCode(address, nobody, job.toString()).isPresent());
            assertThat(job.resolve("who")).hasContent("nobody");
            assertThat(Files.getOwner(job.resolve("UNICORE_Job_" + bssid)).getName()).isEqualTo("nobody");
            assertThat(Files.getOwner(job.resolve("stdout")).getName()).isEqualTo("nobody");
            client.stageIn(address, nobody, job.resolve("who"), job.toString(), "copy");
            assertThat(Files.getOwner(job.resolve("copy")).getName()).isEqualTo("nobody");
        }
    }

    private static String home(String user) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.split(":"))
                .filter(f -> f[0].equals(user)).findFirst().orElseThrow()[5];
    }
}
