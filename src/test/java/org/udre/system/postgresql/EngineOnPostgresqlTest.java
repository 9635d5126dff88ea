package org.udre.system.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.udre.catalog.CatalogSchema;
import org.udre.connectors.libvirt.DomainSpec;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.libvirt.VmState;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Installation;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry;
import org.udre.engine.ledger.LedgerEntry.Kind;
import org.udre.engine.ledger.LedgerEntry.State;
import org.udre.engine.ledger.ReconcileReport;
import org.udre.engine.ledger.Reconciler;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.lifecycle.VmNames;

/**
 * The engine on a real PostgreSQL server, as two nodes share it in production: both migrate (or find migrated) the
 * engine's and the catalogue's tables, jobs run from provisioning to teardown, the catalogue publishes and searches,
 * the nodes' job executors share the steps of the jobs (Camunda's clustering on one database), and their
 * reconcilers may run at the same moment.
 *
 * <p>Needs root: it installs Debian's postgresql package when it is missing and starts the server.
 */
@Tag("postgresql")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EngineOnPostgresqlTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Small enough that every job of a test fits on the simulated host at once. */
    private static final int MEMORY_MIB = 64;

    @TempDir
    static Path dir;
    private static PostgresqlServer server;
    private static PostgresqlServer.Database database;
    private static EngineNode nodeA;
    private static EngineNode nodeB;

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        server = PostgresqlServer.ensureRunning();
        database = server.createDatabase();
        Path workspace = dir.resolve("local-tsi");
        // One after the other, as operators bring up a cluster on a new database: the first node creates Camunda's
        // schema, which Camunda does not create from two nodes at once.
        nodeA = EngineNode.start("node-a", database, dir.resolve("node-a"), workspace);
        nodeB = EngineNode.start("node-b", database, dir.resolve("node-b"), workspace);
    }

    @AfterAll
    static void stop() {
        for (EngineNode node : new EngineNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            server.drop(database);
        }
    }

    @Test
    void the_engine_and_the_catalogue_migrate_their_tables_on_postgresql() throws SQLException {
        DataSource dataSource = nodeA.bean(DataSource.class);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }

        for (Flyway history : List.of(
                flyway(dataSource, "classpath:db/migration/engine", "udre_engine_schema_history"),
                flyway(dataSource, CatalogSchema.LOCATION, CatalogSchema.HISTORY_TABLE))) {
            MigrationInfo[] applied = history.info().applied();
            assertThat(applied).isNotEmpty();
            assertThat(applied).extracting(MigrationInfo::getState)
                    .allMatch(state -> state == MigrationState.SUCCESS || state == MigrationState.BASELINE);
            assertThat(history.info().pending()).isEmpty();
        }
    }

    @Test
    void a_job_runs_from_provisioning_to_teardown_and_leaves_nothing_behind() {
        HttpResponse<String> started = nodeA.send("POST", "/api/jobs", "application/json",
                "{\"image\": \"udre-guest\", \"script\": \"echo on postgresql\", \"memoryMiB\": " + MEMORY_MIB + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String job = started.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");

        JobStatus status = awaitEnd(nodeA, job);

        assertThat(status.state()).as(status.toString()).isEqualTo("SUCCEEDED");
        assertThat(nodeB.send("GET", "/api/jobs/" + job + "/stdout", null, null).body()).isEqualTo("on postgresql\n");
        assertNothingLeftOf(job);
    }

    @Test
    void an_image_published_on_one_node_is_found_by_a_search_on_the_other_and_stays_immutable() {
        String metadata = imageMetadata("pg-catalog", "1.0", "a catalogue entry stored in PostgreSQL");

        HttpResponse<String> created = nodeA.send("POST", "/api/images", "application/yaml", metadata);
        HttpResponse<String> again = nodeB.send("POST", "/api/images", "application/yaml", metadata);
        HttpResponse<String> changed = nodeB.send("POST", "/api/images", "application/yaml",
                imageMetadata("pg-catalog", "1.0", "other metadata under the same version"));
        HttpResponse<String> found = nodeB.send("POST", "/api/images/search", "application/json",
                "{\"name\": \"pg-catalog\", \"applications\": [{\"name\": \"bash\", \"version\": \">=5\"}]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(409);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("\"name\":\"pg-catalog\"", "\"version\":\"1.0\"",
                "a catalogue entry stored in PostgreSQL");
    }

    @Test
    void a_job_started_on_a_node_whose_job_executor_is_stopped_is_run_to_its_end_by_the_other_node() {
        JobExecutor executorA = jobExecutor(nodeA);
        executorA.shutdown();
        try {
            String job = nodeA.bean(Jobs.class).start(request("echo finished elsewhere"));

            JobStatus status = awaitEnd(nodeA, job);

            assertThat(status.state()).as(status.toString()).isEqualTo("SUCCEEDED");
            assertThat(nodesThatRanSteps(job)).containsExactly("node-b");
            assertNothingLeftOf(job);
        } finally {
            executorA.start();
        }
    }

    @Test
    void jobs_started_on_both_nodes_are_shared_by_their_job_executors_and_every_step_runs_once() {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            EngineNode node = i % 2 == 0 ? nodeA : nodeB;
            jobs.add(node.bean(Jobs.class).start(request("echo job " + i)));
        }

        for (String job : jobs) {
            JobStatus status = awaitEnd(nodeB, job);
            assertThat(status.state()).as(status.toString()).isEqualTo("SUCCEEDED");
            assertThat(status.incidents()).isEmpty();
            assertNothingLeftOf(job);
        }
        List<HistoricJobLog> runs = jobs.stream().flatMap(job -> stepRuns(job).stream()).toList();
        assertThat(runs.stream().map(HistoricJobLog::getHostname).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("node-a", "node-b");
        // A step that two nodes both ran would show twice; each job's steps ran once each.
        Map<String, Long> runsOfEachStep = runs.stream().collect(Collectors.groupingBy(
                run -> run.getProcessInstanceId() + " " + run.getJobId(), Collectors.counting()));
        assertThat(runsOfEachStep.values()).containsOnly(1L);
    }

    @Test
    void both_nodes_reconciling_at_once_remove_what_ended_instances_left_once_and_without_errors() {
        // given what two instances that have ended left on the host: a domain and its volume, both in the ledger,
        // and a domain the ledger never heard of that carries this installation's id (made before it knew of it)
        Hosts hosts = nodeA.bean(Hosts.class);
        VirtualMachines vms = hosts.virtualMachines("sim");
        Ledger ledger = nodeA.bean(Ledger.class);
        String installation = nodeA.bean(Installation.class).id();
        String recorded = "udre-pg-ended-recorded";
        String unrecorded = "udre-pg-ended-unrecorded";
        String volume = recorded + ".qcow2";
        ledger.make("sim", Kind.VOLUME, volume, "default-pool", "ended-" + recorded,
                () -> hosts.volumes("sim").create("default-pool", volume, 1024 * 1024, "qcow2"));
        ledger.make("sim", Kind.DOMAIN, recorded, null, "ended-" + recorded, () -> vms.define(domain(recorded,
                volume, installation)));
        vms.define(domain(unrecorded, volume, installation));

        // when both nodes reconcile at the same moment
        CompletableFuture<ReconcileReport> onA = CompletableFuture.supplyAsync(
                () -> nodeA.bean(Reconciler.class).reconcile());
        CompletableFuture<ReconcileReport> onB = CompletableFuture.supplyAsync(
                () -> nodeB.bean(Reconciler.class).reconcile());
        List<ReconcileReport> reports = List.of(onA.join(), onB.join());

        // then neither failed, each node removed what the other did not, and the ledger says all of it is gone
        assertThat(reports).allSatisfy(report -> assertThat(report.unreachable()).isEmpty());
        assertThat(reports.stream().flatMap(report -> report.removed().stream()))
                .containsExactlyInAnyOrder(
                        "domain " + recorded + " on sim (owner ended-" + recorded + ")",
                        "volume " + volume + " on sim (owner ended-" + recorded + ")",
                        "domain " + unrecorded + " on sim (owner ended-" + unrecorded + ")");
        assertThat(vms.state(recorded)).isEqualTo(VmState.ABSENT);
        assertThat(vms.state(unrecorded)).isEqualTo(VmState.ABSENT);
        assertThat(ledger.find("sim", Kind.DOMAIN, recorded)).map(LedgerEntry::state).contains(State.GONE);
        assertThat(ledger.find("sim", Kind.DOMAIN, unrecorded)).map(LedgerEntry::state).contains(State.GONE);
        assertThat(hosts.volumes("sim").exists("default-pool", volume)).isFalse();
        assertThat(ledger.find("sim", Kind.VOLUME, volume)).map(LedgerEntry::state).contains(State.GONE);
    }

    private static DomainSpec domain(String name, String volume, String installation) {
        return new DomainSpec(name, "test", 1, MEMORY_MIB, "default-pool", volume, null,
                Map.of(Reconciler.OWNER_KEY, "ended-" + name, Reconciler.INSTALLATION_KEY, installation));
    }

    private static JobRequest request(String script) {
        return new JobRequest("udre-guest", script, null, null, null, MEMORY_MIB, "sim", null);
    }

    private static JobStatus awaitEnd(EngineNode node, String job) {
        Jobs jobs = node.bean(Jobs.class);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> jobs.status(job).ended());
        return jobs.status(job);
    }

    private static Set<String> nodesThatRanSteps(String job) {
        return stepRuns(job).stream().map(HistoricJobLog::getHostname).collect(Collectors.toSet());
    }

    /** Every step of the instance that ran to its end, with the node that ran it, from Camunda's job log. */
    private static List<HistoricJobLog> stepRuns(String job) {
        return nodeA.engine().getHistoryService().createHistoricJobLogQuery().processInstanceId(job).successLog()
                .list();
    }

    private static void assertNothingLeftOf(String job) {
        VmNames names = VmNames.of(job);
        Hosts hosts = nodeA.bean(Hosts.class);
        assertThat(hosts.virtualMachines("sim").state(names.domain())).isEqualTo(VmState.ABSENT);
        assertThat(hosts.volumes("sim").exists("default-pool", names.volume())).isFalse();
        assertThat(nodeB.bean(Ledger.class).ofOwner(job)).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.state()).isEqualTo(State.GONE));
    }

    private static JobExecutor jobExecutor(EngineNode node) {
        return ((ProcessEngineConfigurationImpl) node.engine().getProcessEngineConfiguration()).getJobExecutor();
    }

    private static Flyway flyway(DataSource dataSource, String location, String table) {
        return Flyway.configure().dataSource(dataSource).locations(location).table(table).load();
    }

    private static String imageMetadata(String name, String version, String description) {
        return """
                name: %s
                version: "%s"
                description: %s
                os:
                  family: linux
                  distribution: debian
                  version: "12"
                applications:
                  - name: bash
                    version: "5.2"
                resources:
                  cores: 1
                  memoryMiB: 128
                  diskGiB: 1
                disk:
                  volume: %s-%s.qcow2
                  format: qcow2
                tsi:
                  port: 4433
                  minimumVersion: "10.4.0"
                  user: nobody
                  workspace: /var/lib/udre/jobs
                  readyWithin: PT30S
                """.formatted(name, version, description, name, version);
    }
}
