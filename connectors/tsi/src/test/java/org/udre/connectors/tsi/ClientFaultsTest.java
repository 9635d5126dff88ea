package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.agent.Fault;
import org.udre.connectors.tsi.support.TestTsi;

/** How the client copes with each way the stand-in can misbehave once a worker exists. */
class ClientFaultsTest {
    private static final Identity WHO = Identity.of("nobody");

    @TempDir
    Path dir;

    @Test
    void a_reply_slower_than_the_read_timeout_loses_the_worker_and_a_patient_client_gets_the_answer() {
        TsiClientSettings impatient = TestTsi.clientSettings().withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(500));
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir), impatient)) {
            try (TsiSession session = tsi.client.session(tsi.address, WHO)) {
                tsi.agent.fault(Fault.SLOW_REPLIES);
                assertThatThrownBy(() -> session.executeScript("echo late")).isInstanceOf(TsiConnectionLostException.class)
                        .hasMessageContaining("no answer within the read timeout");
            }
            assertThat(tsi.client.idleWorkers(tsi.address)).isZero();
        }
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir), TestTsi.clientSettings())) {
            tsi.agent.fault(Fault.SLOW_REPLIES);
            assertThat(tsi.client.executeScript(tsi.address, WHO, "echo late")).isEqualTo("late\n");
        }
    }

    @Test
    void a_tsi_answering_failed_gives_a_failure_with_its_reason_and_keeps_the_worker() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            tsi.client.ping(tsi.address);
            tsi.agent.fault(Fault.ANSWER_FAILED);
            assertThatThrownBy(() -> tsi.client.statusListing(tsi.address, WHO))
                    .isInstanceOfSatisfying(TsiFailedException.class, e -> {
                        assertThat(e.command()).isEqualTo("TSI_GETSTATUSLISTING");
                        assertThat(e.reason()).isEqualTo("fault injected: ANSWER_FAILED");
                    });
            assertThat(tsi.client.idleWorkers(tsi.address)).isEqualTo(1);
            tsi.agent.fault(Fault.NONE);
            assertThat(tsi.client.statusListing(tsi.address, WHO)).isNotNull();
        }
    }

    @Test
    void a_submit_whose_reply_is_lost_is_reported_as_lost_because_the_job_may_have_started() {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            tsi.agent.fault(Fault.DROP_MID_REPLY);
            assertThatThrownBy(() -> session.submit(JobSubmission.of(dir.toString(), "lost", "true")))
                    .isInstanceOf(TsiConnectionLostException.class);
            tsi.agent.fault(Fault.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("UNICORE_SCRIPT_EXIT_CODE")));
        }
    }

    @Test
    void a_background_script_returns_at_once_and_runs_on() {
        try (TestTsi tsi = TestTsi.start(dir); TsiSession session = tsi.client.session(tsi.address, WHO)) {
            session.executeScriptInBackground("sleep 0.5; touch " + dir + "/done");
            assertThat(dir.resolve("done")).doesNotExist();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("done")));
        }
    }
}
