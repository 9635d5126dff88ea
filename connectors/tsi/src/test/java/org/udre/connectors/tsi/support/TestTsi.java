package org.udre.connectors.tsi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiClientSettings;
import org.udre.connectors.tsi.agent.AgentSettings;
import org.udre.connectors.tsi.agent.TsiAgent;

/** An agent and a client wired together for one test, with short delays so that the module's tests stay quick. */
public final class TestTsi implements AutoCloseable {
    public static final Duration FAST_CALLBACK = Duration.ofMillis(20);

    public final TsiAgent agent;
    public final TsiClient client;
    public final TsiAddress address;

    private TestTsi(TsiAgent agent, TsiClient client) {
        this.agent = agent;
        this.client = client;
        this.address = new TsiAddress("127.0.0.1", agent.port());
    }

    public static TestTsi start(Path safeDir) {
        return start(agentSettings(safeDir), clientSettings());
    }

    public static TestTsi start(AgentSettings agentSettings, TsiClientSettings clientSettings) {
        try {
            return new TestTsi(TsiAgent.start(agentSettings), new TsiClient(clientSettings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain bash instead of a login shell: the profile files of a build machine can cost a quarter second a script. */
    public static AgentSettings agentSettings(Path safeDir) {
        return AgentSettings.defaults().withCallbackDelay(FAST_CALLBACK).withSafeDir(safeDir)
                .withSlowReplyDelay(Duration.ofMillis(1500)).withLoginShell(false);
    }

    public static TsiClientSettings clientSettings() {
        return TsiClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        client.close();
        agent.close();
    }
}
