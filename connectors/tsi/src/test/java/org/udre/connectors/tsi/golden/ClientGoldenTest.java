package org.udre.connectors.tsi.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.udre.connectors.tsi.FileEntry;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.JobResources;
import org.udre.connectors.tsi.JobState;
import org.udre.connectors.tsi.JobSubmission;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiSession;
import org.udre.connectors.tsi.support.ReplayTsi;
import org.udre.connectors.tsi.support.TestTsi;
import org.udre.connectors.tsi.support.Transcript;

/**
 * The client's bytes for the exchange of the reference transcript (a real UNICORE TSI 11.2.1 session) equal the
 * transcript's, line for line, and it reads the transcript's replies to the right values. The last exchange of the
 * transcript sends an unknown command, which the client has no way to send; the agent's golden test covers it.
 */
class ClientGoldenTest {
    private static final String JOB1 = "/tmp/tsi-research/run/uspace/job1";
    private static final String JOB2 = "/tmp/tsi-research/run/uspace/job2";

    @Test
    @DisplayName("the client sends the transcript's requests byte for byte and understands its replies")
    void client_bytes_equal_the_transcript() throws Exception {
        Transcript transcript = Transcript.load();
        List<Transcript.Exchange> played = transcript.exchanges.subList(0, transcript.exchanges.size() - 1);
        try (ReplayTsi tsi = new ReplayTsi(played); TsiClient client = new TsiClient(TestTsi.clientSettings())) {
            JobResources oneMinute = JobResources.NONE.withWallTime(Duration.ofSeconds(60));
            try (TsiSession s = client.session(new TsiAddress("127.0.0.1", tsi.port()), Identity.of("nobody"))) {
                assertThat(s.version()).isEqualTo("11.2.1");
                assertThat(s.executeScript("/bin/mkdir -p " + JOB1)).isEmpty();
                assertThat(s.submit(JobSubmission.of(JOB1, "test1", "echo hello > out.txt").withResources(oneMinute)))
                        .isEqualTo("2401420639323");
                assertThat(s.executeScript("/bin/mkdir -p " + JOB2)).isEmpty();
                assertThat(s.submit(JobSubmission.of(JOB2, "test2", "sleep 300").withResources(oneMinute)))
                        .isEqualTo("2401420639414");
                assertThat(s.statusListing()).isEqualTo(Map.of("2401420639414", JobState.RUNNING));
                assertThat(s.jobDetails("2401420639414")).isEqualTo("No info available for job 2401420639414");
                s.abort("2401420639414");
                assertThat(s.statusListing()).isEmpty();
                assertThat(s.readFile(JOB1 + "/out.txt", 1 << 20)).hasValueSatisfying(
                        bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("hello\n"));
                s.writeFile(JOB1 + "/in.txt", "uploaded\n".getBytes(StandardCharsets.UTF_8));
                List<FileEntry> listing = s.list(JOB1);
                assertThat(listing).extracting(FileEntry::name).containsExactly("UNICORE_Job_2401420639323", "stderr",
                        "stdout", "in.txt", "UNICORE_SCRIPT_EXIT_CODE", "out.txt");
                assertThat(listing.get(0)).satisfies(job -> {
                    assertThat(job.size()).isEqualTo(611);
                    assertThat(job.permissions()).isEqualTo("rwxr-xr-x");
                    assertThat(job.owner()).isEqualTo("nobody");
                    assertThat(job.group()).isEqualTo("nogroup");
                    assertThat(job.executable()).isTrue();
                    assertThat(job.owned()).isTrue();
                });
                assertThat(s.diskUsage(JOB1).free()).isEqualTo(84509495296L);
                assertThat(s.executeScript("cat " + JOB1 + "/UNICORE_SCRIPT_EXIT_CODE " + JOB1 + "/stdout " + JOB1
                        + "/stderr; ls " + JOB1)).isEqualTo("0\nUNICORE_Job_2401420639323\nUNICORE_SCRIPT_EXIT_CODE\n"
                        + "in.txt\nout.txt\nstderr\nstdout\n");
            }
            assertThat(tsi.shepherdLine()).matches("newtsiprocess \\d+\n");
            String expected = played.stream().map(Transcript.Exchange::requestText).reduce("", String::concat);
            assertThat(tsi.commandText()).isEqualTo(expected);
            assertThat(tsi.dataReceived()).isEqualTo("uploaded\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
