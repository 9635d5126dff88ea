package org.udre.bench;

import static org.udre.bench.JobThroughput.intOption;
import static org.udre.bench.JobThroughput.option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.JobState;
import org.udre.connectors.tsi.JobSubmission;
import org.udre.connectors.tsi.TlsSettings;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiClientSettings;
import org.udre.connectors.tsi.TsiSession;
import org.udre.connectors.tsi.agent.AgentSettings;
import org.udre.connectors.tsi.agent.TsiAgent;

/**
 * TSI round trips per second and file transfer speed, between UDRE's TSI client and UDRE's TSI agent on this host:
 * new workers, pings and scripts over one pooled worker, job submission with status polling, status listings with
 * jobs running, the same across many TSI addresses at once, and stage-in/stage-out in plain TCP and TLS.
 *
 * <p>Options: {@code --seconds S} measured time of each row after a warm-up (default 3), {@code --addresses N} TSIs
 * for the concurrent rows, one client thread each (default 100), {@code --file-mib M} size of the transferred file
 * (default 64), {@code --callback-delay ISO-8601} the agent's pause before its call-backs (default PT0S; the real TSI
 * sleeps one second, which would hide the handshake's own cost), {@code --poll ISO-8601} pause between status
 * listings while a job runs (default PT0.02S).
 */
final class TsiBench {

    /** The agent runs unprivileged, so the identity only has to pass the client's checks (it is not root). */
    private static final Identity WHO = Identity.of("nobody");
    private static final String TRIVIAL_JOB = "true";
    /** Long enough to outlast the listing rows; the agent kills its jobs when it closes, this bounds a crash. */
    private static final String WAITING_JOB = "sleep 300";
    private static final int[] JOBS_LISTED = {0, 10, 100};
    private static final long MIB = 1024L * 1024;
    /** Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final Logger AGENT_LOG = Logger.getLogger("org.udre.connectors.tsi");

    private final Path home;
    private final Duration callbackDelay;
    private final Duration poll;
    private final Duration each;
    private final TimedLoop loop;
    private final Table table = new Table("what", "count", "ops/s", "p50 ms", "p99 ms", "MiB/s");
    private final List<String> notes = new ArrayList<>();

    private TsiBench(Path home, Duration callbackDelay, Duration poll, Duration warmUp, Duration each) {
        this.home = home;
        this.callbackDelay = callbackDelay;
        this.poll = poll;
        this.each = each;
        this.loop = new TimedLoop(warmUp, each);
    }

    static void main(String[] args) throws Exception {
        // The agents say where they listen at INFO; a hundred of them would bury the table.
        AGENT_LOG.setLevel(Level.WARNING);
        Duration each = Duration.ofMillis(Math.round(Double.parseDouble(option(args, "--seconds", "3")) * 1000));
        int addresses = intOption(args, "--addresses", 100);
        int fileMiB = intOption(args, "--file-mib", 64);
        Duration callbackDelay = Duration.parse(option(args, "--callback-delay", "PT0S"));
        Duration poll = Duration.parse(option(args, "--poll", "PT0.02S"));
        if (each.isNegative() || each.isZero() || addresses < 1 || fileMiB < 1) {
            throw new IllegalArgumentException("--seconds, --addresses and --file-mib must be positive, got "
                    + each + ", " + addresses + " and " + fileMiB);
        }
        // A third of the measured time, at most a second: enough for the JIT and the pools, short for the whole run.
        Duration warmUp = each.dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0 ? each.dividedBy(3) : Duration.ofSeconds(1);
        Path home = Files.createTempDirectory("udre-tsi-bench");
        try {
            new TsiBench(home, callbackDelay, poll, warmUp, each).measure(addresses, fileMiB);
        } finally {
            deleteTree(home);
        }
    }

    private void measure(int addresses, int fileMiB) throws Exception {
        System.out.printf("%nTSI round trips and transfers: UDRE's TSI client against UDRE's TSI agent (nobatch) on"
                + " loopback, call-back delay %s, status poll every %s, %s measured per row after a warm-up%n",
                callbackDelay, poll, each);
        System.out.printf("JVM %s %s, %d cores, %s %s%n", System.getProperty("java.vm.name"), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"));
        long start = System.nanoTime();

        oneAddress();
        manyAddresses(addresses);
        transfers(fileMiB);

        table.print();
        notes.forEach(System.out::println);
        System.out.printf("whole run %s s%n", Table.fixed((System.nanoTime() - start) / 1e9, 1));
    }

    /** Everything over one TSI address: the handshake, single commands, jobs and listings. */
    private void oneAddress() throws Exception {
        Path dir = directory("one");
        try (TsiAgent agent = TsiAgent.start(agentSettings(dir, false));
             TsiClient client = new TsiClient(clientSettings())) {
            TsiAddress address = local(agent);
            try (TsiClient unpooled = new TsiClient(clientSettings().withMaxIdlePerAddress(0))) {
                row("new worker: connect, OK, two call-backs, ping", loop.run(1, t -> unpooled.ping(address)));
            }
            row("ping, one pooled worker", loop.run(1, t -> client.ping(address)));
            try (TsiSession session = client.session(address, WHO)) {
                row("executeScript `true`, held worker, bash -c", loop.run(1, t -> session.executeScript(TRIVIAL_JOB)));
            }
            row("executeScript `true` through the pool (ping + script)",
                    loop.run(1, t -> client.executeScript(address, WHO, TRIVIAL_JOB)));
            loginShellScript();

            AtomicLong listings = new AtomicLong();
            AtomicLong submitted = new AtomicLong();
            TimedLoop.Result jobs = loop.run(1, t -> {
                submitted.incrementAndGet();
                awaitEnd(client, address, client.submit(address, WHO,
                        JobSubmission.of(dir.toString(), "bench", TRIVIAL_JOB)), listings);
            });
            row("submit `true` + status listings until done", jobs);
            notes.add("one address: " + Table.fixed((double) listings.get() / submitted.get(), 1)
                    + " status listings per job");

            listingsWithJobsRunning(client, address, dir.toString());
        }
    }

    /** The same script with the TSI's default {@code bash -l}: what reading the profile files costs on this host. */
    private void loginShellScript() throws Exception {
        try (TsiAgent agent = TsiAgent.start(agentSettings(directory("login"), true));
             TsiClient client = new TsiClient(clientSettings());
             TsiSession session = client.session(local(agent), WHO)) {
            row("executeScript `true`, held worker, bash -l", loop.run(1, t -> session.executeScript(TRIVIAL_JOB)));
        }
    }

    /**
     * A nobatch TSI lists jobs by running {@code ps} over the whole host and matching job file names, so a listing
     * costs more the more processes run; these rows keep 0, 10 and 100 sleeping jobs running while listing.
     */
    private void listingsWithJobsRunning(TsiClient client, TsiAddress address, String dir) throws Exception {
        List<String> running = new ArrayList<>();
        Latencies submits = new Latencies();
        long submitting = 0;
        for (int wanted : JOBS_LISTED) {
            long begin = System.nanoTime();
            while (running.size() < wanted) {
                long start = System.nanoTime();
                running.add(client.submit(address, WHO, JobSubmission.of(dir, "waiting", WAITING_JOB)));
                submits.add(Duration.ofNanos(System.nanoTime() - start));
            }
            submitting += System.nanoTime() - begin;
            AtomicInteger listed = new AtomicInteger();
            try (TsiSession session = client.session(address, WHO)) {
                TimedLoop.Result result = loop.run(1, t -> {
                    Map<String, JobState> listing = session.statusListing();
                    if (!listing.keySet().containsAll(running)) {
                        throw new IllegalStateException("a waiting job is missing from the listing: " + listing);
                    }
                    listed.set(listing.size());
                });
                row("status listing, " + wanted + " jobs running (" + listed.get() + " listed)", result);
            }
        }
        // Submitting them was measured on the way (no warm-up beyond the rows before); closing the agent ends them.
        row("submit `" + WAITING_JOB + "` (the jobs listed above)",
                new TimedLoop.Result(running.size(), Duration.ofNanos(submitting), submits));
    }

    /** Many TSIs at once, one client thread per address, all through one client and its pools. */
    private void manyAddresses(int count) throws Exception {
        List<TsiAgent> agents = new ArrayList<>();
        try (TsiClient client = new TsiClient(clientSettings())) {
            List<TsiAddress> addresses = new ArrayList<>();
            List<String> dirs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path dir = directory("many/" + i);
                agents.add(TsiAgent.start(agentSettings(dir, false)));
                addresses.add(local(agents.get(i)));
                dirs.add(dir.toString());
            }
            row("ping, " + count + " addresses, " + count + " threads", loop.run(count, t -> client.ping(addresses.get(t))));

            AtomicLong listings = new AtomicLong();
            AtomicLong submitted = new AtomicLong();
            Set<String> inFlight = ConcurrentHashMap.newKeySet();
            AtomicInteger shared = new AtomicInteger();
            TimedLoop.Result jobs = loop.run(count, t -> {
                submitted.incrementAndGet();
                String bssid = client.submit(addresses.get(t), WHO, JobSubmission.of(dirs.get(t), "bench", TRIVIAL_JOB));
                // Agents in one JVM share its process id, the first part of a nobatch job id: a listing of one
                // address then also shows the namesake running on another, which only makes this job look longer.
                if (!inFlight.add(bssid)) {
                    shared.incrementAndGet();
                }
                awaitEnd(client, addresses.get(t), bssid, listings);
                inFlight.remove(bssid);
            });
            row("submit `true` + status listings until done, " + count + " addresses", jobs);
            notes.add(count + " addresses: " + Table.fixed((double) listings.get() / submitted.get(), 1)
                    + " status listings per job");
            if (shared.get() > 0) {
                notes.add(count + " addresses: " + shared.get() + " job ids were handed out by two agents at once");
            }
        } finally {
            agents.forEach(TsiAgent::close);
        }
    }

    /** Stage-in and stage-out of one file in TSI_PUTFILECHUNK/TSI_GETFILECHUNK chunks, plain and TLS. */
    private void transfers(int fileMiB) throws Exception {
        Path source = home.resolve("source.dat");
        writeRandom(source, fileMiB * MIB);
        Path tlsDir = directory("tls-material");
        GeneratedTls tls = GeneratedTls.in(tlsDir);
        transfer("plain", null, null, source, fileMiB);
        transfer("TLS", tls.tsi(), tls.client(), source, fileMiB);
    }

    private void transfer(String how, TlsSettings tsiTls, TlsSettings clientTls, Path source, int fileMiB)
            throws Exception {
        Path dir = directory("transfer-" + how);
        Path back = home.resolve("back-" + how + ".dat");
        AgentSettings agentSettings = agentSettings(dir, false);
        TsiClientSettings clientSettings = clientSettings();
        if (tsiTls != null) {
            agentSettings = agentSettings.withTls(tsiTls, List.of());
            clientSettings = clientSettings.withTls(clientTls);
        }
        try (TsiAgent agent = TsiAgent.start(agentSettings); TsiClient client = new TsiClient(clientSettings)) {
            TsiAddress address = local(agent);
            if (tsiTls != null) {
                try (TsiClient unpooled = new TsiClient(clientSettings.withMaxIdlePerAddress(0))) {
                    row("new worker, TLS: connect, OK, two call-backs, ping", loop.run(1, t -> unpooled.ping(address)));
                }
            }
            transferRow("stage-in " + fileMiB + " MiB, " + how, fileMiB,
                    loop.run(1, t -> client.stageIn(address, WHO, source, dir.toString(), "in.dat")));
            transferRow("stage-out " + fileMiB + " MiB, " + how, fileMiB,
                    loop.run(1, t -> client.stageOut(address, WHO, dir.toString(), "in.dat", back)));
        }
        if (Files.mismatch(source, back) != -1) {
            throw new IllegalStateException("the file staged out over " + how + " differs from the one staged in");
        }
    }

    /** Lists until the job is gone (or COMPLETED), as the engine's job step does, counting the listings. */
    private void awaitEnd(TsiClient client, TsiAddress address, String bssid, AtomicLong listings)
            throws InterruptedException {
        while (true) {
            listings.incrementAndGet();
            JobState state = client.statusListing(address, WHO).get(bssid);
            if (state == null || state == JobState.COMPLETED) {
                return;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private AgentSettings agentSettings(Path safeDir, boolean loginShell) {
        return AgentSettings.defaults().withSafeDir(safeDir).withCallbackDelay(callbackDelay).withLoginShell(loginShell);
    }

    private static TsiClientSettings clientSettings() {
        return TsiClientSettings.defaults().withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    private static TsiAddress local(TsiAgent agent) {
        return new TsiAddress("127.0.0.1", agent.port());
    }

    private Path directory(String name) throws IOException {
        return Files.createDirectories(home.resolve(name));
    }

    private void row(String what, TimedLoop.Result result) {
        table.row(what, result.count(), Table.fixed(result.perSecond(), 1), millis(result.latencies().percentile(50)),
                millis(result.latencies().percentile(99)), "");
    }

    private void transferRow(String what, int fileMiB, TimedLoop.Result result) {
        table.row(what, result.count(), Table.fixed(result.perSecond(), 2), millis(result.latencies().percentile(50)),
                millis(result.latencies().percentile(99)), Table.fixed(result.perSecond() * fileMiB, 1));
    }

    private static String millis(Duration duration) {
        return Table.fixed(duration.toNanos() / 1e6, 2);
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[(int) MIB];
        try (var out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
