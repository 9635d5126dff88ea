package org.udre.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.libvirt.DomainSpec;
import org.udre.connectors.libvirt.SimulatedHost;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.libvirt.Volumes;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.JobState;
import org.udre.connectors.tsi.JobSubmission;
import org.udre.connectors.tsi.Readiness;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.BaseVolumes;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.tsi.LocalTsi;
import org.udre.engine.tsi.TsiEndpoint;

/**
 * Jobs per second through the run-job-in-vm process, against the same connector calls in a plain loop without the
 * engine, in one run on libvirt's simulated host with UDRE's TSI agent. The ratio is what the engine costs: its
 * transactions, its job executor and its history.
 *
 * <p>Options: {@code --jobs N} (default 50), {@code --threads K} plain-loop threads beside one thread (default 3, the
 * job executor's core pool), {@code --poll ISO-8601} how often a running job is polled, by both (default PT0.1S).
 * Any {@code --udre.*}, {@code --spring.*} or {@code --camunda.*} setting is handed to the engine, to measure
 * another configuration (e.g. {@code --camunda.bpm.job-execution.core-pool-size=6}).
 */
final class JobThroughput {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final String IMAGE = "udre-guest:1.0";
    private static final String SCRIPT = "echo ok";

    private final ConfigurableApplicationContext context;
    private final Duration poll;
    private final AtomicInteger names = new AtomicInteger();

    private JobThroughput(ConfigurableApplicationContext context, Duration poll) {
        this.context = context;
        this.poll = poll;
    }

    static void main(String[] args) throws Exception {
        int jobs = intOption(args, "--jobs", 50);
        int threads = intOption(args, "--threads", 3);
        Duration poll = Duration.parse(option(args, "--poll", "PT0.1S"));
        Path home = Files.createTempDirectory("udre-bench");
        // A simulated host large enough that placement never waits for memory: the figures are about the engine.
        String host = new SimulatedHost(256, 1024 * 1024, "udre", "default").writeTo(home.resolve("bench-host.xml"));

        try (ConfigurableApplicationContext context = BenchEngine.start(List.of(
                "--udre.home=" + home,
                "--udre.hosts[0].name=bench", "--udre.hosts[0].uri=" + host,
                "--udre.hosts[0].pool=udre", "--udre.hosts[0].network=default", "--udre.hosts[0].tsi=local",
                "--udre.lifecycle.job-poll-interval=" + poll), args)) {
            new JobThroughput(context, poll).measure(jobs, threads);
        }
    }

    private void measure(int jobs, int threads) throws Exception {
        System.out.printf("%nJobs through the process vs. the same connector calls in a plain loop: %d jobs of `%s`,"
                + " image %s, a simulated libvirt host (test driver), UDRE's TSI agent, job poll interval %s%n", jobs, SCRIPT, IMAGE,
                poll);
        // Warm-up: JIT, connection pools, the base volume, the TSI agent.
        plainLoop(3, 1, new Latencies());
        throughEngine(3, new Latencies());

        Table table = new Table("how", "jobs", "wall s", "jobs/s", "p50 s", "p95 s");
        Latencies sequential = new Latencies();
        Duration sequentialWall = plainLoop(jobs, 1, sequential);
        row(table, "plain connector loop, 1 thread", jobs, sequentialWall, sequential);
        Latencies parallel = new Latencies();
        Duration parallelWall = plainLoop(jobs, threads, parallel);
        row(table, "plain connector loop, " + threads + " threads", jobs, parallelWall, parallel);
        Latencies engine = new Latencies();
        Duration engineWall = throughEngine(jobs, engine);
        row(table, "engine, run-job-in-vm (all started at once)", jobs, engineWall, engine);
        table.print();
        System.out.printf("engine jobs/s ÷ plain loop (%d threads) jobs/s = %s%n", threads,
                Table.fixed(rate(jobs, engineWall) / rate(jobs, parallelWall), 2));
    }

    private Duration throughEngine(int count, Latencies latencies) throws InterruptedException {
        Jobs jobs = context.getBean(Jobs.class);
        Instant begin = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(jobs.start(JobRequest.of(IMAGE, SCRIPT)));
        }
        for (String id : ids) {
            JobStatus status = jobs.status(id);
            while (!status.ended()) {
                Thread.sleep(20);
                status = jobs.status(id);
            }
            if (!"SUCCEEDED".equals(status.state())) {
                throw new IllegalStateException("job " + id + " ended " + status.state() + ": " + status.failureReason()
                        + "; its steps: " + context.getBean(org.camunda.bpm.engine.HistoryService.class)
                        .createHistoricActivityInstanceQuery().processInstanceId(id)
                        .orderByHistoricActivityInstanceStartTime().asc().list().stream()
                        .map(a -> a.getActivityId() + (a.isCanceled() ? "(cancelled)" : "")).toList());
            }
            latencies.add(Duration.between(status.startedAt(), status.endedAt()));
        }
        return Duration.between(begin, Instant.now());
    }

    private Duration plainLoop(int count, int threads, Latencies latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant begin = Instant.now();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(pool.submit(() -> {
                Instant start = Instant.now();
                oneJob();
                latencies.add(Duration.between(start, Instant.now()));
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return Duration.between(begin, Instant.now());
    }

    /** What the process's steps do, call for call, without the process. */
    private void oneJob() throws InterruptedException {
        Hosts hosts = context.getBean(Hosts.class);
        UdreProperties.Host host = hosts.choose(null);
        Image image = context.getBean(ImageCatalog.class).require(IMAGE);
        TsiClient tsi = context.getBean(TsiClient.class);
        String name = "udre-bench-" + names.incrementAndGet();
        String volume = name + ".qcow2";
        VirtualMachines vms = hosts.virtualMachines(host.name());
        Volumes volumes = hosts.volumes(host.name());

        context.getBean(BaseVolumes.class).ensure(host.name(), image);
        volumes.createOverlay(host.pool(), volume, image.disk().volume(), image.resources().diskGiB() * GIB);
        vms.define(new DomainSpec(name, hosts.domainType(host.name()), image.resources().cores(),
                image.resources().memoryMiB(), host.pool(), volume, host.network(), Map.of()));
        vms.start(name);

        TsiEndpoint endpoint = context.getBean(LocalTsi.class).endpoint();
        TsiAddress address = endpoint.address();
        Identity owner = Identity.of(image.tsi().user());
        Readiness readiness = tsi.checkReadiness(address, image.tsi().minimumVersion());
        if (!readiness.ready()) {
            throw new IllegalStateException("TSI not ready: " + readiness);
        }
        String directory = endpoint.workspace() + "/" + name;
        tsi.executeScript(address, owner, "/bin/mkdir -p '" + directory + "'");
        String bssid = tsi.submit(address, owner, JobSubmission.of(directory, "bench", "(\n" + SCRIPT + "\n)"));
        while (true) {
            JobState state = tsi.statusListing(address, owner).get(bssid);
            if (state == null || state == JobState.COMPLETED) {
                break;
            }
            Thread.sleep(poll.toMillis());
        }
        tsi.exitCode(address, owner, directory).orElseThrow();
        tsi.readFile(address, owner, directory + "/stdout", 1 << 20);
        tsi.readFile(address, owner, directory + "/stderr", 1 << 20);

        vms.destroy(name);
        vms.undefine(name);
        volumes.delete(host.pool(), volume);
    }

    private static void row(Table table, String how, int jobs, Duration wall, Latencies latencies) {
        table.row(how, jobs, Latencies.seconds(wall), Table.fixed(rate(jobs, wall), 1),
                Latencies.seconds(latencies.percentile(50)), Latencies.seconds(latencies.percentile(95)));
    }

    private static double rate(int jobs, Duration wall) {
        return jobs / (wall.toNanos() / 1e9);
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static int intOption(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, String.valueOf(fallback)));
    }
}
