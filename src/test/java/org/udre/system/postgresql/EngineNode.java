package org.udre.system.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.udre.engine.UdreApplication;

/**
 * One engine node: a whole engine application context with its own web server, job executor and scheduler, on a
 * shared database. Nodes in one JVM share libvirt's in-process simulated host {@code test:///default}, as nodes on
 * several machines share a real host.
 */
final class EngineNode implements AutoCloseable {

    private final String name;
    private final ConfigurableApplicationContext context;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private EngineNode(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * @param home      the node's own folder (udre.home)
     * @param workspace the local TSI's job directories, shared by the nodes: a step may run on either node, and
     *                  each node's TSI agent must find the job directory another node's agent made
     */
    static EngineNode start(String name, PostgresqlServer.Database database, Path home, Path workspace) {
        Map<String, String> settings = Map.ofEntries(
                Map.entry("spring.datasource.url", database.url()),
                Map.entry("spring.datasource.username", database.user()),
                Map.entry("spring.datasource.password", database.password()),
                Map.entry("server.port", "0"),
                Map.entry("udre.home", home.toString()),
                Map.entry("udre.local-tsi.workspace", workspace.toString()),
                Map.entry("udre.hosts[0].name", "sim"),
                Map.entry("udre.hosts[0].uri", "test:///default"),
                Map.entry("udre.hosts[0].pool", "default-pool"),
                Map.entry("udre.hosts[0].network", "default"),
                Map.entry("udre.hosts[0].tsi", "local"),
                Map.entry("udre.lifecycle.job-poll-interval", "PT0.2S"),
                Map.entry("udre.lifecycle.tsi-backoff-initial", "PT0.1S"),
                Map.entry("udre.lifecycle.tsi-backoff-max", "PT0.5S"),
                // Camunda's job log names the node that ran each step.
                Map.entry("camunda.bpm.generic-properties.properties.hostname", name),
                // Quartz keeps one scheduler per name in a JVM.
                Map.entry("spring.quartz.scheduler-name", "udre-" + name),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("logging.level.org.udre", "WARN"));
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(UdreApplication.class)
                .run(arguments.toArray(String[]::new));
        return new EngineNode(name, context);
    }

    String name() {
        return name;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ProcessEngine engine() {
        return bean(ProcessEngine.class);
    }

    /** Sends a request to the node's HTTP API and returns status and body. */
    HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
