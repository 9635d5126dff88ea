package org.udre.system.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.connectors.libvirt.LibvirtHost;
import org.udre.connectors.libvirt.VmState;
import org.udre.engine.lifecycle.VmNames;

/**
 * A real crash: the engine runs as {@code java -jar udre-exec.jar serve} in a JVM of its own, on its default H2 file
 * database, with libvirtd's simulated host (which lives in the daemon, so it survives the engine). The engine is
 * killed with {@code kill -9} after it defined a job's domain and before its step committed, then started again on
 * the same database; nothing of the job may be left on the host once the job has ended.
 *
 * <p>Needs root and libvirtd (started by the libvirt connector's host set-up, which this test runs).
 */
@Tag("real-vms")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EngineCrashTest {

    private static final Path DAEMON_SOCKET = Path.of("/var/run/libvirt/libvirt-sock");
    private static final String HOST = "crash-host";
    private static final String POOL = "default-pool";
    /**
     * How long a step stays locked by the engine that took it. The restarted engine reconciles at start-up, well
     * within this, and only then may it run the killed engine's step again: so the reconciler, not the step, is the
     * first to find the domain the killed engine left.
     */
    private static final Duration STEP_LOCK = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** The test's own connection: it keeps libvirtd's simulated host in being while no engine runs. */
    private static LibvirtHost host;
    @TempDir
    static Path shared;
    private static Path jar;

    @TempDir
    Path dir;
    private LibvirtCallGate gate;
    private EngineProcess engine;
    private Path config;
    private Path log;

    @BeforeAll
    static void libvirtd() {
        LibvirtDaemon.ensureRunning();
        host = LibvirtHost.connect("test+unix:///default");
        jar = EngineProcess.copyOfBuiltJar(shared);
    }

    @AfterAll
    static void disconnect() {
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void engineSettings() throws IOException {
        // Unix socket paths are limited to 107 bytes; the temporary folder can be deep.
        gate = LibvirtCallGate.open(Files.createTempFile(Path.of("/tmp"), "udre-gate-", ".sock"), DAEMON_SOCKET);
        log = dir.resolve("engine.log");
        config = dir.resolve("udre.yml");
        Files.writeString(config, """
                udre:
                  home: %s
                  hosts:
                    - name: %s
                      uri: "%s"
                      pool: %s
                      network: default
                      tsi: local
                  reconciler:
                    interval: PT2S
                camunda:
                  bpm:
                    job-execution:
                      lock-time-in-millis: %d
                """.formatted(dir.resolve("home"), HOST, gate.testDriverUri(), POOL, STEP_LOCK.toMillis()),
                StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        gate.close();
    }

    @Test
    void an_engine_killed_between_defining_a_domain_and_recording_it_resumes_the_job_after_a_restart_and_leaves_nothing_behind()
            throws Exception {
        // given a job whose engine was killed while starting the domain it had just defined
        String job = startJobAndKillEngineInsideBootVm();

        // when the engine starts again on the same database
        engine = EngineProcess.start(jar, config, log);

        // then its reconciler adopts the domain for the job, which still runs, and the job resumes from that step
        await().atMost(PATIENCE).until(() -> engine.log().contains("adopted [domain " + domain(job)));
        JsonNode status = awaitEnd(job);
        assertThat(status.path("state").asText()).as(engine.logTail()).isEqualTo("SUCCEEDED");
        assertThat(engine.text("/api/jobs/" + job + "/stdout")).isEqualTo("survived\n");
        assertThat(status.path("conditions").findValuesAsText("reason")).contains("DomainStarted");

        // and neither the domain nor the volume is left, on the host or open in the ledger
        assertNothingLeftOf(job);
        engine.close();
        assertThat(ledgerStates(job)).containsOnly(Map.entry("DOMAIN", "GONE"), Map.entry("VOLUME", "GONE"));
    }

    @Test
    void a_job_deleted_by_an_operator_after_the_crash_has_the_domain_and_volume_it_left_removed_by_the_reconciler()
            throws Exception {
        // given a job whose engine was killed while starting its domain, and the engine started again
        String job = startJobAndKillEngineInsideBootVm();
        engine = EngineProcess.start(jar, config, log);
        await().atMost(PATIENCE).until(() -> engine.log().contains("adopted [domain " + domain(job)));

        // when an operator deletes the job's process instance in Camunda, before its step runs again
        engine.delete("/engine-rest/process-instance/" + job, 204);

        // then the next reconciliation removes what the job made, the domain before its volume
        await().atMost(PATIENCE).untilAsserted(() -> assertNothingLeftOf(job));
        assertThat(engine.get("/api/jobs/" + job).path("state").asText()).isEqualTo("DELETED");
        engine.close();
        assertThat(ledgerStates(job)).containsOnly(Map.entry("DOMAIN", "GONE"), Map.entry("VOLUME", "GONE"));
        assertThat(engine.log()).contains("removed [domain " + domain(job));
    }

    /**
     * Starts an engine and a job, waits until the gate holds the job's domain start, and kills the engine there;
     * then checks, on the database the engine left, that this was the window wanted: the domain defined on the host,
     * the ledger knowing it only as planned, the process not past Boot VM.
     */
    private String startJobAndKillEngineInsideBootVm() throws Exception {
        engine = EngineProcess.start(jar, config, log);
        String job = engine.post("/api/jobs", """
                {"image": "udre-guest", "script": "echo survived", "host": "%s"}""".formatted(HOST), 201)
                .path("id").asText();
        assertThat(gate.awaitHeldStart(Duration.ofMinutes(1))).as("the job asked to start its domain; engine log:\n%s", engine.logTail()).isTrue();

        engine.kill9();
        engine = null;

        assertThat(host.virtualMachines().state(domain(job))).isEqualTo(VmState.SHUT_OFF);
        assertThat(host.volumes().exists(POOL, volume(job))).isTrue();
        assertThat(ledgerStates(job)).containsOnly(Map.entry("DOMAIN", "PLANNED"), Map.entry("VOLUME", "PRESENT"));
        // Still locked by the killed engine: no engine runs the step again before the lock expires.
        assertThat(steps(job)).containsExactly("BootVm (locked)");
        return job;
    }

    private JsonNode awaitEnd(String job) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> !engine.get("/api/jobs/" + job).path("state").asText().equals("RUNNING"));
        return engine.get("/api/jobs/" + job);
    }

    private void assertNothingLeftOf(String job) {
        assertThat(host.virtualMachines().state(domain(job))).isEqualTo(VmState.ABSENT);
        assertThat(host.volumes().exists(POOL, volume(job))).isFalse();
    }

    /** The ledger's entries of the job, kind to state, read from the H2 file of an engine that is not running. */
    private Map<String, String> ledgerStates(String job) throws SQLException {
        Map<String, String> states = new HashMap<>();
        try (Connection db = database();
             var query = db.prepareStatement("select kind, state from ledger_resource where owner = ?")) {
            query.setString(1, job);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString("kind"), rows.getString("state"));
                }
            }
        }
        return states;
    }

    /**
     * The steps (asynchronous jobs) of the instance in Camunda's own tables, each as its activity and whether an
     * engine holds its lock.
     */
    private List<String> steps(String job) throws SQLException {
        try (Connection db = database();
             var query = db.prepareStatement("select d.act_id_, j.lock_owner_ from act_ru_job j"
                     + " join act_ru_jobdef d on d.id_ = j.job_def_id_ where j.process_instance_id_ = ?")) {
            query.setString(1, job);
            try (ResultSet rows = query.executeQuery()) {
                List<String> steps = new ArrayList<>();
                while (rows.next()) {
                    steps.add(rows.getString(1) + (rows.getString(2) == null ? "" : " (locked)"));
                }
                return steps;
            }
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("home/db/udre"), "sa", "");
    }

    private static String domain(String job) {
        return VmNames.of(job).domain();
    }

    private static String volume(String job) {
        return VmNames.of(job).volume();
    }
}
