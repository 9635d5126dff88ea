package org.udre.engine.tsi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.agent.AgentSettings;
import org.udre.connectors.tsi.agent.TsiAgent;
import org.udre.engine.UdreProperties;

/**
 * UDRE's own TSI agent running inside the engine, serving as the guest of every VM on hosts configured with
 * {@code tsi: local}: a simulated libvirt host runs no guests, so their jobs run here, as real local processes,
 * through the real TSI protocol. Started on first use only.
 */
@Component
public class LocalTsi {

    private static final Logger log = LoggerFactory.getLogger(LocalTsi.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final UdreProperties.LocalTsi settings;
    private TsiAgent agent;

    public LocalTsi(UdreProperties properties) {
        this.settings = properties.localTsi();
    }

    public synchronized TsiEndpoint endpoint() {
        if (agent == null) {
            agent = start();
        }
        return new TsiEndpoint(new TsiAddress(LOOPBACK, agent.port()), settings.workspace().resolve("jobs").toString());
    }

    private TsiAgent start() {
        try {
            Files.createDirectories(settings.workspace());
            AgentSettings agentSettings = new AgentSettings(LOOPBACK, settings.port(), List.of(LOOPBACK),
                    settings.callbackDelay(), settings.workspace(), AgentSettings.defaults().version())
                    .withLoginShell(settings.loginShell());
            TsiAgent started = TsiAgent.start(agentSettings);
            log.info("Local TSI agent listening on {}:{}, jobs under {}", LOOPBACK, started.port(), settings.workspace());
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local TSI agent on port " + settings.port(), e);
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (agent != null) {
            agent.close();
            agent = null;
        }
    }
}
