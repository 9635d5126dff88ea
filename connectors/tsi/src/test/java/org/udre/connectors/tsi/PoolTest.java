package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.tsi.agent.Fault;
import org.udre.connectors.tsi.agent.TsiAgent;
import org.udre.connectors.tsi.support.TestTsi;

class PoolTest {
    private static final Identity ALICE = Identity.of("nobody");

    @TempDir
    Path dir;

    @Test
    void commands_one_after_another_reuse_one_worker() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            for (int i = 0; i < 5; i++) {
                assertThat(tsi.client.executeScript(tsi.address, ALICE, "echo " + i)).isEqualTo(i + "\n");
            }
            assertThat(tsi.client.idleWorkers(tsi.address)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(tsi.agent.workers()).isEqualTo(1));
        }
    }

    @Test
    void a_worker_dropped_in_the_middle_of_a_reply_is_discarded_and_replaced() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            tsi.client.ping(tsi.address);
            try (TsiSession session = tsi.client.session(tsi.address, ALICE)) {
                tsi.agent.fault(Fault.DROP_MID_REPLY);
                assertThatThrownBy(() -> session.executeScript("echo hi")).isInstanceOf(TsiConnectionLostException.class)
                        .hasMessageContaining("lost while reading the reply to TSI_EXECUTESCRIPT");
            }
            tsi.agent.fault(Fault.NONE);
            assertThat(tsi.client.idleWorkers(tsi.address)).isZero();
            assertThat(tsi.client.executeScript(tsi.address, ALICE, "echo again")).isEqualTo("again\n");
        }
    }

    @Test
    void a_pooled_worker_whose_tsi_restarted_is_replaced_by_a_new_one() throws Exception {
        try (TestTsi tsi = TestTsi.start(dir)) {
            assertThat(tsi.client.executeScript(tsi.address, ALICE, "echo before")).isEqualTo("before\n");
            tsi.agent.close();
            // a process spawned at this moment may briefly hold the old listening socket: the port comes free soon after
            AtomicReference<TsiAgent> started = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> started.compareAndSet(null,
                    TsiAgent.start(TestTsi.agentSettings(dir).withListener("127.0.0.1", tsi.address.port()))));
            try (TsiAgent restarted = started.get()) {
                assertThat(tsi.client.executeScript(tsi.address, ALICE, "echo after")).isEqualTo("after\n");
                assertThat(restarted.workers()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_failed_command_keeps_the_worker_usable() {
        try (TestTsi tsi = TestTsi.start(dir)) {
            try (TsiSession session = tsi.client.session(tsi.address, ALICE)) {
                assertThatThrownBy(() -> session.executeScript("echo out; echo err >&2; exit 5"))
                        .isInstanceOfSatisfying(TsiFailedException.class, e -> {
                            assertThat(e.command()).isEqualTo("TSI_EXECUTESCRIPT");
                            assertThat(e.reason()).endsWith("' failed with code 5: out:err:");
                        });
                assertThat(session.executeScript("echo still here")).isEqualTo("still here\n");
            }
            assertThat(tsi.client.idleWorkers(tsi.address)).isEqualTo(1);
        }
    }

    @Test
    void parallel_callers_each_get_a_worker_of_their_own() throws Exception {
        try (TestTsi tsi = TestTsi.start(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int n = i;
                    results.add(pool.submit(() -> tsi.client.executeScript(tsi.address, ALICE, "sleep 0.2; echo " + n)));
                }
                for (int i = 0; i < 8; i++) {
                    assertThat(results.get(i).get()).isEqualTo(i + "\n");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(tsi.client.idleWorkers(tsi.address)).isBetween(1, 4);
        }
    }
}
