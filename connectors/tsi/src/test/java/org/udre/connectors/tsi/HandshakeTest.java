package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.agent.Fault;
import org.udre.connectors.tsi.support.TestTsi;

class HandshakeTest {
    @TempDir
    Path dir;

    @Test
    void a_ping_answers_the_version_of_the_tsi_and_remembers_it() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThat(tsi.client.ping(tsi.address)).isEqualTo("11.2.1");
            assertThat(tsi.client.version(tsi.address)).hasValue("11.2.1");
        }
    }

    @Test
    void a_ready_tsi_is_reported_ready_with_its_version() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            Readiness readiness = tsi.client.checkReadiness(tsi.address, "10.4.0");
            assertThat(readiness.status()).isEqualTo(Readiness.Status.READY);
            assertThat(readiness.ready()).isTrue();
            assertThat(readiness.version()).isEqualTo("11.2.1");
        }
    }

    @Test
    void a_tsi_older_than_required_is_too_old_not_ready() {
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir).withVersion("10.3.2"), TestTsi.clientSettings())) {
            Readiness readiness = tsi.client.checkReadiness(tsi.address, "10.4.0");
            assertThat(readiness.status()).isEqualTo(Readiness.Status.TOO_OLD);
            assertThat(readiness.version()).isEqualTo("10.3.2");
            assertThat(readiness.detail()).contains("10.3.2", "10.4.0");
        }
    }

    @Test
    void a_tsi_that_refuses_connections_is_unreachable_until_it_listens_again() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            tsi.agent.fault(Fault.REFUSE_CONNECTIONS);
            // a process spawned at this moment may hold the closed listening socket for a few milliseconds
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> tsi.client.checkReadiness(tsi.address, "10.4.0").status() == Readiness.Status.UNREACHABLE);
            assertThatThrownBy(() -> tsi.client.ping(tsi.address)).isInstanceOf(TsiUnreachableException.class)
                    .hasMessageContaining(tsi.address.toString());

            tsi.agent.fault(Fault.NONE);
            assertThat(tsi.client.checkReadiness(tsi.address, "10.4.0").ready()).isTrue();
        }
    }

    @Test
    void a_tsi_that_closes_without_ok_has_rejected_us() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            tsi.agent.fault(Fault.REJECT_CONNECTIONS);
            assertThatThrownBy(() -> tsi.client.ping(tsi.address)).isInstanceOf(TsiRejectedException.class)
                    .hasMessageContaining("without OK");
            assertThat(tsi.client.checkReadiness(tsi.address, "10.4.0").status()).isEqualTo(Readiness.Status.REJECTED);
        }
    }

    @Test
    void a_client_address_the_tsi_does_not_allow_is_rejected() {
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir).withAllowedAddresses(List.of("127.0.0.2")),
                TestTsi.clientSettings())) {
            Readiness readiness = tsi.client.checkReadiness(tsi.address, "10.4.0");
            assertThat(readiness.status()).isEqualTo(Readiness.Status.REJECTED);
            assertThat(readiness.detail()).contains("127.0.0.1");
        }
    }

    private static final TsiClientSettings ONE_SECOND_FOR_CALL_BACKS = TestTsi.clientSettings()
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(20));

    @Test
    void a_tsi_that_says_ok_but_never_calls_back_is_reported_as_such_after_the_call_back_timeout() {
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir), ONE_SECOND_FOR_CALL_BACKS)) {
            tsi.agent.fault(Fault.NEVER_CALL_BACK);
            assertThatThrownBy(() -> tsi.client.ping(tsi.address)).isInstanceOf(TsiNoCallbackException.class)
                    .hasMessageContaining("command call-back did not arrive");
            assertThat(tsi.client.checkReadiness(tsi.address, "10.4.0").status()).isEqualTo(Readiness.Status.NO_CALLBACK);
        }
    }

    @Test
    void call_backs_from_another_address_than_the_one_contacted_are_not_accepted() {
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir),
                ONE_SECOND_FOR_CALL_BACKS.withReplyListener("0.0.0.0", 0))) {
            tsi.agent.fault(Fault.CALL_BACK_FROM_OTHER_ADDRESS);
            assertThatThrownBy(() -> tsi.client.ping(tsi.address)).isInstanceOf(TsiNoCallbackException.class);

            tsi.agent.fault(Fault.NONE);
            assertThat(tsi.client.ping(tsi.address)).isEqualTo("11.2.1");
        }
    }

    @Test
    void a_fixed_reply_port_works_for_one_handshake_after_another() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (TestTsi tsi = TestTsi.start(TestTsi.agentSettings(dir),
                TestTsi.clientSettings().withReplyListener("127.0.0.1", port).withMaxIdlePerAddress(0))) {
            assertThat(tsi.client.ping(tsi.address)).isEqualTo("11.2.1");
            assertThat(tsi.client.ping(tsi.address)).isEqualTo("11.2.1");
        }
    }

    @Test
    void an_unknown_host_is_unreachable() {
        try (TsiClient client = new TsiClient(TestTsi.clientSettings())) {
            Readiness readiness = client.checkReadiness(new TsiAddress("no-such-host.invalid", 4433), "10.4.0");
            assertThat(readiness.status()).isEqualTo(Readiness.Status.UNREACHABLE);
            assertThat(readiness.detail()).contains("no-such-host.invalid");
        }
    }
}
