package org.udre.system.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine as operators run it: {@code java -jar udre-exec.jar serve} in a JVM of its own, with a configuration
 * file of its own, which the test can kill like any other process. Its output goes to a log file that failures quote.
 */
final class EngineProcess implements AutoCloseable {

    private static final Path BUILT_JAR = Path.of(System.getProperty("user.dir"))
            .resolve("../../engine/target/udre-exec.jar").normalize();
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Spring Boot's line naming the port its web server took; logged at INFO by the class below. */
    private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private static final String RUN_HEADER = "\n=== engine started ";

    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;

    private EngineProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Copies the engine's executable jar, as built, to {@code folder}: the engines of a test run from the copy, which
     * a build of the engine during the test cannot change under them.
     */
    static Path copyOfBuiltJar(Path folder) {
        if (!Files.isRegularFile(BUILT_JAR)) {
            throw new IllegalStateException(BUILT_JAR + " is missing: build it first with "
                    + "mvn -B -o install -DskipTests -pl engine");
        }
        Path copy = folder.resolve("udre-exec.jar");
        for (int attempt = 1; ; attempt++) {
            try {
                Files.copy(BUILT_JAR, copy, StandardCopyOption.REPLACE_EXISTING);
                try (JarFile jar = new JarFile(copy.toFile())) {
                    if (jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Main-Class") != null) {
                        return copy;
                    }
                }
            } catch (IOException e) {
                // Caught while a build was writing it: try again below.
            }
            if (attempt == 30) {
                throw new IllegalStateException(BUILT_JAR + " is not a complete executable jar");
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    /**
     * Starts {@code serve} with {@code config} read after the shipped application.yml, and waits until its HTTP API
     * answers. The web server takes a free port of its choosing: one picked beforehand could be taken meanwhile by
     * any of the machine's short-lived connections.
     *
     * @param log where its standard output and error go; appended to, so that the log of a restart follows the first
     */
    static EngineProcess start(Path jar, Path config, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The settings the platform facts measured for one engine on two shared cores.
                "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "serve",
                "--spring.config.additional-location=file:" + config.toAbsolutePath(),
                "--server.port=0",
                "--logging.level.org.springframework.boot.web.embedded.tomcat.TomcatWebServer=INFO"));
        try {
            Files.writeString(log, RUN_HEADER + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            EngineProcess engine = new EngineProcess(process, log);
            engine.awaitAnswering();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the engine: " + command, e);
        }
    }

    private void awaitAnswering() {
        Instant deadline = Instant.now().plus(START_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the engine exited with " + process.exitValue()
                        + " while starting:\n" + logTail());
            }
            if (base == null) {
                String all = log();
                // This run's lines only: a restart appends to the log of the run before.
                Matcher port = STARTED_ON_PORT.matcher(all.substring(all.lastIndexOf(RUN_HEADER)));
                if (port.find()) {
                    base = URI.create("http://127.0.0.1:" + port.group(1));
                }
                sleep(Duration.ofMillis(250));
                continue;
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/images"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the engine did not answer within " + START_PATIENCE + ":\n" + logTail());
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no rollback, no last log line; the database and libvirt see it vanish. */
    void kill9() {
        try {
            int exit = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -9 " + process.pid() + " failed with exit code " + exit);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the engine " + process.pid() + " outlived kill -9 by 30 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The orderly way (SIGTERM): Spring closes the engine, which lets its running steps finish or roll back. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
    }

    JsonNode post(String path, String json, int expectedStatus) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), expectedStatus);
    }

    JsonNode delete(String path, int expectedStatus) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), expectedStatus);
    }

    String text(String path) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != expectedStatus) {
                throw new IllegalStateException(answer.request().method() + " " + answer.uri() + " answered "
                        + answer.statusCode() + " instead of " + expectedStatus + ": " + answer.body());
            }
            return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the engine wrote so far, including the runs before a restart. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        String all = log();
        return all.length() <= 8000 ? all : all.substring(all.length() - 8000);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
