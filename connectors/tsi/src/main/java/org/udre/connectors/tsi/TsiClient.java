package org.udre.connectors.tsi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives UNICORE TSIs (10.4+ and 11.x, plain or TLS). Thread-safe; one per engine. Keeps a pool of idle TSI workers
 * per address. Each method here borrows a worker for one command; {@link #session} lends one for a sequence.
 */
public final class TsiClient implements AutoCloseable {
    /** Who a bare ping runs as: the TSI answers a ping before it looks at the identity. */
    static final Identity PROBE = Identity.of("nobody");

    private final TsiClientSettings settings;
    private final WorkerPool pool;

    public TsiClient(TsiClientSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("TSI client settings must not be null");
        }
        this.settings = settings;
        this.pool = new WorkerPool(settings);
    }

    /**
     * A worker of {@code tsi} for a sequence of commands as {@code who}: a pooled one that answered a ping, else a new
     * one. Close it to give the worker back.
     *
     * @throws TsiIdentityRefusedException before anything is sent, for root or an identity the user mapping refuses
     */
    public TsiSession session(TsiAddress tsi, Identity who) {
        checkIdentity(who);
        return new TsiSession(pool, pool.borrow(tsi, who), who, settings.connectTimeout());
    }

    /** The TSI's version, e.g. {@code 11.2.1}; also proves that the handshake works. */
    public String ping(TsiAddress tsi) {
        WorkerConnection connection = pool.borrow(tsi, PROBE);
        pool.giveBack(connection);
        return connection.version();
    }

    /** The version the last ping of {@code tsi} reported. */
    public Optional<String> version(TsiAddress tsi) {
        return pool.version(tsi);
    }

    /**
     * Whether a TSI is up, accepts us and is new enough. Makes a new worker (a pooled one would not prove that the
     * handshake still works); never throws for the expected failures, which come back as the status.
     *
     * @param minimumVersion e.g. {@code 10.4.0}, from the image metadata
     */
    public Readiness checkReadiness(TsiAddress tsi, String minimumVersion) {
        TsiVersion minimum = TsiVersion.parse(minimumVersion);
        String version;
        try {
            WorkerConnection connection = pool.launch(tsi, PROBE);
            version = connection.version();
            pool.giveBack(connection);
        } catch (TsiUnreachableException e) {
            return new Readiness(Readiness.Status.UNREACHABLE, null, e.getMessage());
        } catch (TsiRejectedException e) {
            return new Readiness(Readiness.Status.REJECTED, null, e.getMessage());
        } catch (TsiNoCallbackException e) {
            return new Readiness(Readiness.Status.NO_CALLBACK, null, e.getMessage());
        } catch (TsiException e) {
            return new Readiness(Readiness.Status.FAILED, null, e.getMessage());
        }
        TsiVersion actual;
        try {
            actual = TsiVersion.parse(version);
        } catch (IllegalArgumentException e) {
            return new Readiness(Readiness.Status.FAILED, version, "TSI " + tsi + " reports a version that is not one: '"
                    + version + "'");
        }
        if (!actual.isAtLeast(minimum)) {
            return new Readiness(Readiness.Status.TOO_OLD, version, "TSI " + tsi + " runs version " + version
                    + ", older than the required " + minimumVersion);
        }
        return new Readiness(Readiness.Status.READY, version, "TSI " + tsi + " version " + version + " is ready");
    }

    /** Runs a bash snippet and returns its output; see {@link TsiSession#executeScript}. */
    public String executeScript(TsiAddress tsi, Identity who, String script) {
        return inSession(tsi, who, s -> s.executeScript(script));
    }

    /** Submits a job and returns its bssid; see {@link TsiSession#submit}. */
    public String submit(TsiAddress tsi, Identity who, JobSubmission job) {
        return inSession(tsi, who, s -> s.submit(job));
    }

    /** Every listed job by bssid; see {@link TsiSession#statusListing}. */
    public Map<String, JobState> statusListing(TsiAddress tsi, Identity who) {
        return inSession(tsi, who, TsiSession::statusListing);
    }

    /** Aborts a job; a job that is already gone counts as aborted. */
    public void abort(TsiAddress tsi, Identity who, String bssid) {
        inSession(tsi, who, s -> {
            s.abort(bssid);
            return null;
        });
    }

    /** The path's own listing entry; empty if it does not exist. */
    public Optional<FileEntry> stat(TsiAddress tsi, Identity who, String path) {
        return inSession(tsi, who, s -> s.stat(path));
    }

    /** A whole file of at most {@code maxBytes}; empty if it does not exist. */
    public Optional<byte[]> readFile(TsiAddress tsi, Identity who, String path, long maxBytes) {
        return inSession(tsi, who, s -> s.readFile(path, maxBytes));
    }

    /** The first {@code maxBytes} of a file and its whole size; empty if it does not exist. */
    public Optional<FileHead> readHead(TsiAddress tsi, Identity who, String path, long maxBytes) {
        return inSession(tsi, who, s -> s.readHead(path, maxBytes));
    }

    /** The job's exit code from its outcome directory; empty while there is none. */
    public Optional<Integer> exitCode(TsiAddress tsi, Identity who, String outcomeDirectory) {
        return inSession(tsi, who, s -> s.exitCode(outcomeDirectory));
    }

    /** Copies a local file into the job directory; see {@link TsiSession#stageIn}. */
    public long stageIn(TsiAddress tsi, Identity who, Path source, String jobDirectory, String relativeName) {
        return inSession(tsi, who, s -> s.stageIn(source, jobDirectory, relativeName));
    }

    /** Copies a file out of the job directory; see {@link TsiSession#stageOut}. */
    public long stageOut(TsiAddress tsi, Identity who, String jobDirectory, String relativeName, Path target) {
        return inSession(tsi, who, s -> s.stageOut(jobDirectory, relativeName, target));
    }

    /** Idle workers kept for {@code tsi} right now. */
    public int idleWorkers(TsiAddress tsi) {
        return pool.idleCount(tsi);
    }

    /** Closes the idle workers; workers still lent out are closed when they come back. */
    @Override
    public void close() {
        pool.close();
    }

    private <T> T inSession(TsiAddress tsi, Identity who, Function<TsiSession, T> work) {
        try (TsiSession session = session(tsi, who)) {
            return work.apply(session);
        }
    }

    private void checkIdentity(Identity who) {
        if (who == null) {
            throw new IllegalArgumentException("identity must not be null");
        }
        if (who.user().equals("root") || who.namedGroups().contains("root")) {
            throw new TsiIdentityRefusedException("refusing to act as root on a TSI (identity '" + who + "')");
        }
        String refusal = settings.userMapping().refusal(who);
        if (refusal != null) {
            throw new TsiIdentityRefusedException("refusing identity '" + who + "': " + refusal);
        }
    }
}
