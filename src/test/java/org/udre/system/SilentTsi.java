package org.udre.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.udre.connectors.tsi.agent.AgentSettings;
import org.udre.connectors.tsi.agent.Fault;
import org.udre.connectors.tsi.agent.TsiAgent;

/**
 * A TSI that accepts every request and never calls back, as a TSI does whose call-back cannot reach the engine.
 * One per test JVM, behind the host "silent" of the system-test configuration, a simulated host of each engine's own.
 */
public final class SilentTsi {

    private static TsiAgent agent;

    private SilentTsi() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        if (agent == null) {
            try {
                agent = TsiAgent.start(new AgentSettings("127.0.0.1", 0, List.of("127.0.0.1"), Duration.ZERO,
                        Files.createTempDirectory("silent-tsi"), AgentSettings.defaults().version()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            agent.fault(Fault.NEVER_CALL_BACK);
        }
        registry.add("udre.test.silent-tsi-port", agent::port);
        registry.add("udre.test.silent-host-uri", () -> SimulatedHosts.describe("silent", 8, 16 * 1024));
    }
}
