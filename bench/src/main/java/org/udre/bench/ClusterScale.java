package org.udre.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.udre.connectors.libvirt.SimulatedHost;
import org.udre.engine.cluster.ClusterJobRequest;
import org.udre.engine.cluster.ClusterRequest;
import org.udre.engine.cluster.ClusterState;
import org.udre.engine.cluster.ClusterStatus;
import org.udre.engine.cluster.Clusters;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;

/**
 * A whole cluster from the shipped MPI template on libvirt's simulated hosts, each node's TSI the engine's own
 * agent: how long until it is RUNNING, how long a job on its head takes, how long its teardown takes, and what the
 * engine holds meanwhile (heap, rows, optimistic-locking conflicts of its steps).
 *
 * <p>Options: {@code --nodes N} nodes in all, one head and N-1 compute nodes (default 2500), {@code --cores C} cores
 * of each node (default 4), {@code --hosts H} simulated hosts sharing the nodes (default 1), {@code --batch B} most
 * compute nodes booting at once (default 256), {@code --poll ISO-8601} how often a starting role or a teardown looks
 * at its nodes (default PT1S). Any {@code --udre.*}, {@code --camunda.*} or {@code --spring.*} setting is handed to the
 * engine.
 */
final class ClusterScale {

    private static final String NAME = "bench";
    private static final int MEMORY_MIB = 1024;
    /** Camunda's runtime tables: what the engine holds for instances that have not ended. */
    private static final List<String> RUNTIME_TABLES = List.of("ACT_RU_EXECUTION", "ACT_RU_JOB", "ACT_RU_VARIABLE",
            "ACT_RU_EVENT_SUBSCR", "ACT_RU_INCIDENT");

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final Sampler sampler;

    private ClusterScale(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.sampler = new Sampler();
    }

    static void main(String[] args) throws Exception {
        int nodes = JobThroughput.intOption(args, "--nodes", 2500);
        int cores = JobThroughput.intOption(args, "--cores", 4);
        int hostCount = JobThroughput.intOption(args, "--hosts", 1);
        int batch = JobThroughput.intOption(args, "--batch", 256);
        Duration poll = Duration.parse(JobThroughput.option(args, "--poll", "PT1S"));
        if (nodes < 2 || cores < 1 || hostCount < 1 || batch < 1) {
            throw new IllegalArgumentException("--nodes must be at least 2 (a head and a compute node), --cores,"
                    + " --hosts and --batch at least 1; got " + nodes + ", " + cores + ", " + hostCount + ", " + batch);
        }
        Path home = Files.createTempDirectory("udre-bench-cluster");
        List<String> settings = new ArrayList<>(List.of(
                "--udre.home=" + home,
                "--udre.clusters.poll-interval=" + poll,
                // A running cluster of thousands of nodes is looked after now and then, not in the middle of the run.
                "--udre.clusters.health-interval=PT1M"));
        // Each host can take its share of the nodes: the cores of each node (placement checks a node against a
        // host's cores) and the memory of all of them.
        long hostMemory = (long) MEMORY_MIB * (nodes / hostCount + 1) * 2;
        for (int i = 0; i < hostCount; i++) {
            String uri = new SimulatedHost(Math.max(cores, nodes * cores / hostCount), hostMemory, "udre", "default")
                    .writeTo(home.resolve("host" + i + ".xml"));
            settings.addAll(List.of("--udre.hosts[" + i + "].name=sim" + i, "--udre.hosts[" + i + "].uri=" + uri,
                    "--udre.hosts[" + i + "].pool=udre", "--udre.hosts[" + i + "].network=default",
                    "--udre.hosts[" + i + "].tsi=local"));
        }

        // Engine settings to try, e.g. --camunda.bpm.job-execution.max-pool-size=4, win over the ones above.
        try (ConfigurableApplicationContext context = BenchEngine.start(settings, args)) {
            new ClusterScale(context).measure(nodes, cores, hostCount, batch, poll);
        } finally {
            // The database of a 2,500-node run takes gigabytes (H2 does not compact while it runs).
            deleteRecursively(home);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void measure(int nodes, int cores, int hostCount, int batch, Duration poll) throws Exception {
        System.out.printf("%nA cluster of %,d nodes of %d cores (%,d cores) from the mpi template: 1 head and %,d compute"
                        + " nodes booting at most %d at once, on %d simulated libvirt host(s), each node's TSI the"
                        + " engine's own agent; poll interval %s, heap max %d MiB%n", nodes, cores, nodes * cores,
                nodes - 1, batch, hostCount, poll, Runtime.getRuntime().maxMemory() >> 20);
        Clusters clusters = context.getBean(Clusters.class);
        Jobs jobs = context.getBean(Jobs.class);
        Thread sampling = new Thread(sampler, "bench-sampler");
        sampling.setDaemon(true);
        sampling.start();

        Instant begin = Instant.now();
        clusters.start(new ClusterRequest(NAME, "mpi", null, List.of(
                "computeNodes=" + (nodes - 1), "compute.max=" + nodes, "coresPerNode=" + cores,
                "memoryPerNode=" + MEMORY_MIB, "headCores=" + cores, "head.size.memoryMiB=" + MEMORY_MIB,
                "compute.maxBatch=" + batch, "compute.readyWithin=PT2H", "lease=PT4H",
                "command=cat \"$HOSTFILE\" | wc -l"), null));
        ClusterStatus running = await(clusters, ClusterState.RUNNING, ClusterState.FAILED);
        Duration toRunning = Duration.between(begin, Instant.now());
        if (running.state() != ClusterState.RUNNING) {
            throw new IllegalStateException("the cluster " + running.state() + ": " + running.reason());
        }
        Snapshot atRunning = sampler.snapshot();

        Instant jobBegin = Instant.now();
        String job = clusters.runJob(NAME, new ClusterJobRequest(
                "grep -c . /var/tmp/udre-cluster/" + NAME + "/hostfile", null, null, null, null));
        JobStatus jobStatus = jobs.status(job);
        while (!jobStatus.ended()) {
            Thread.sleep(20);
            jobStatus = jobs.status(job);
        }
        Duration jobTime = Duration.between(jobBegin, Instant.now());
        String lines = jobs.output(job, "stdout").map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim())
                .orElse("");
        if (!"SUCCEEDED".equals(jobStatus.state()) || !lines.equals(String.valueOf(nodes))) {
            throw new IllegalStateException("the job on the head " + jobStatus.state() + " and counted '" + lines
                    + "' members in the host file, not " + nodes + ": " + jobStatus.failureReason());
        }

        Instant teardownBegin = Instant.now();
        clusters.teardown(NAME);
        ClusterStatus gone = await(clusters, ClusterState.TORN_DOWN, ClusterState.FAILED);
        Duration teardown = Duration.between(teardownBegin, Instant.now());
        sampler.stop();
        sampling.join();
        long left = leftOnHosts(hostCount);
        if (gone.state() != ClusterState.TORN_DOWN || left > 0) {
            throw new IllegalStateException("the teardown ended " + gone.state() + " with " + left
                    + " domains or volumes left: " + gone.reason());
        }

        Table table = new Table("measure", "value");
        table.row("nodes (cores)", String.format("%,d (%,d)", nodes, nodes * cores));
        table.row("time to RUNNING, s", Latencies.seconds(toRunning));
        table.row("nodes/s to RUNNING", Table.fixed(nodes / seconds(toRunning), 1));
        table.row("job on the head node, s", Latencies.seconds(jobTime));
        table.row("teardown, s", Latencies.seconds(teardown));
        table.row("nodes/s torn down", Table.fixed(nodes / seconds(teardown), 1));
        table.row("peak heap used, MiB (sampled every 0.5 s)", sampler.peakHeap.get() >> 20);
        table.row("heap after GC at the end, MiB", afterGc() >> 20);
        table.row("peak Camunda runtime rows (execution, job, variable, event, incident)",
                String.format("%,d", sampler.peakRuntimeRows.get()));
        table.row("peak jobs waiting or running (ACT_RU_JOB)", String.format("%,d", sampler.peakJobs.get()));
        table.row("Camunda runtime rows at RUNNING", String.format("%,d", atRunning.runtimeRows()));
        table.row("UDRE rows at RUNNING (cluster_node, ledger_resource)", String.format("%,d", atRunning.udreRows()));
        table.row("history rows at the end (ACT_HI_*)", String.format("%,d", historyRows()));
        table.row("optimistic-locking exceptions logged by the job executor", sampler.optimisticLocking.get());
        table.row("other warnings and errors logged", sampler.otherWarnings.get());
        table.print();
        sampler.warnings.forEach((message, count) -> System.out.printf("  %5d x %s%n", count, message));
    }

    private ClusterStatus await(Clusters clusters, ClusterState... states) throws InterruptedException {
        Instant lastNote = Instant.now();
        while (true) {
            ClusterStatus status = clusters.status(NAME);
            if (List.of(states).contains(status.state())) {
                return status;
            }
            if (Duration.between(lastNote, Instant.now()).toSeconds() >= 5) {
                lastNote = Instant.now();
                System.err.printf("  %s %s; jobs: %s%n", status.state(), status.roles().stream()
                        .map(role -> role.name() + " " + role.ready() + " ready, " + role.starting() + " starting, "
                                + role.released() + " released").toList(), jobs());
            }
            Thread.sleep(200);
        }
    }

    /** The engine's jobs now: due and waiting for a thread, taken by one, and timers due later. */
    private String jobs() {
        Map<String, Object> counts = jdbc.queryForMap("select"
                + " sum(case when lock_owner_ is null and (duedate_ is null or duedate_ <= current_timestamp) then 1"
                + " else 0 end) as due,"
                + " sum(case when lock_owner_ is not null then 1 else 0 end) as locked,"
                + " sum(case when lock_owner_ is null and duedate_ > current_timestamp then 1 else 0 end) as later"
                + " from ACT_RU_JOB");
        return counts.get("DUE") + " due, " + counts.get("LOCKED") + " taken, " + counts.get("LATER") + " later";
    }

    private long leftOnHosts(int hostCount) {
        Hosts hosts = context.getBean(Hosts.class);
        long left = 0;
        for (int i = 0; i < hostCount; i++) {
            left += hosts.virtualMachines("sim" + i).names().stream().filter(name -> name.startsWith(NAME + "-")).count();
            left += hosts.volumes("sim" + i).names("udre").stream().filter(name -> name.startsWith(NAME + "-")).count();
        }
        return left;
    }

    private long historyRows() {
        return jdbc.queryForList("select table_name from information_schema.tables where table_name like 'ACT_HI_%'",
                String.class).stream().mapToLong(table -> count(table)).sum();
    }

    private long count(String table) {
        Long rows = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return rows == null ? 0 : rows;
    }

    private static long afterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private record Snapshot(long runtimeRows, long udreRows) {
    }

    /** Samples the heap and the rows while the cluster runs, and counts what the engine logs. */
    private final class Sampler implements Runnable {

        final AtomicLong peakHeap = new AtomicLong();
        final AtomicLong peakRuntimeRows = new AtomicLong();
        final AtomicLong peakJobs = new AtomicLong();
        final AtomicInteger optimisticLocking = new AtomicInteger();
        final AtomicInteger otherWarnings = new AtomicInteger();
        final Map<String, Integer> warnings = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        Sampler() {
            // The engine logs a step that lost an optimistic-locking conflict (and is run again) as a warning; count
            // those, and keep the console for the table.
            LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
            ch.qos.logback.classic.Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
                        return;
                    }
                    String message = event.getFormattedMessage() + " " + causes(event.getThrowableProxy());
                    if (message.contains("OptimisticLocking")) {
                        optimisticLocking.incrementAndGet();
                    } else {
                        otherWarnings.incrementAndGet();
                        String key = event.getLoggerName() + ": " + message.replaceAll("[0-9a-f-]{36}", "<id>");
                        warnings.merge(key.substring(0, Math.min(200, key.length())), 1, Integer::sum);
                    }
                }
            };
            counter.setContext(logging);
            counter.start();
            root.detachAndStopAllAppenders();
            root.addAppender(counter);
        }

        private String causes(IThrowableProxy throwable) {
            StringBuilder text = new StringBuilder();
            for (IThrowableProxy cause = throwable; cause != null; cause = cause.getCause()) {
                text.append(cause.getClassName()).append(' ');
            }
            return text.toString();
        }

        @Override
        public void run() {
            while (running) {
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                peakRuntimeRows.accumulateAndGet(snapshot().runtimeRows(), Math::max);
                peakJobs.accumulateAndGet(count("ACT_RU_JOB"), Math::max);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        Snapshot snapshot() {
            return new Snapshot(RUNTIME_TABLES.stream().mapToLong(ClusterScale.this::count).sum(),
                    count("cluster_node") + count("ledger_resource"));
        }

        void stop() {
            running = false;
        }
    }
}
