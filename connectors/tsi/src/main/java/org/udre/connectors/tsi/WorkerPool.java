package org.udre.connectors.tsi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idle TSI workers per address, as UNICORE/X keeps them: a worker serves any user (the identity travels in every
 * message), is pinged before reuse and replaced when the ping fails. Most recently used first, so that surplus workers
 * age out at the bottom.
 */
final class WorkerPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());

    private final TsiClientSettings settings;
    private final WorkerLauncher launcher;
    private final Map<TsiAddress, Deque<WorkerConnection>> idle = new HashMap<>();
    private final Map<TsiAddress, String> versions = new ConcurrentHashMap<>();
    private boolean closed;

    WorkerPool(TsiClientSettings settings) {
        this.settings = settings;
        this.launcher = new WorkerLauncher(settings);
    }

    /** A live worker for {@code tsi}: a pooled one that answered a ping, else a new one (which is pinged too). */
    WorkerConnection borrow(TsiAddress tsi, Identity who) {
        WorkerConnection pooled;
        while ((pooled = pollIdle(tsi)) != null) {
            if (pooled.hasStrayInput()) {
                pooled.close();
                continue;
            }
            try {
                versions.put(tsi, pooled.ping(who, settings.connectTimeout()));
                return pooled;
            } catch (TsiException e) {
                LOG.log(System.Logger.Level.DEBUG, "dropped a pooled worker of {0}: {1}", tsi, e.getMessage());
                pooled.close();
            }
        }
        return launch(tsi, who);
    }

    /** Always a new worker, bypassing the idle ones: what a readiness check needs to prove the handshake works. */
    WorkerConnection launch(TsiAddress tsi, Identity who) {
        WorkerConnection fresh = launcher.launch(tsi);
        try {
            versions.put(tsi, fresh.ping(who, settings.connectTimeout()));
            return fresh;
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    /** Takes a worker back; broken ones and surplus ones are closed. */
    void giveBack(WorkerConnection connection) {
        synchronized (this) {
            if (!closed && !connection.broken()) {
                Deque<WorkerConnection> queue = idle.computeIfAbsent(connection.address(), a -> new ArrayDeque<>());
                if (queue.size() < settings.maxIdlePerAddress()) {
                    queue.addFirst(connection);
                    return;
                }
            }
        }
        connection.close();
    }

    Optional<String> version(TsiAddress tsi) {
        return Optional.ofNullable(versions.get(tsi));
    }

    synchronized int idleCount(TsiAddress tsi) {
        Deque<WorkerConnection> queue = idle.get(tsi);
        return queue == null ? 0 : queue.size();
    }

    private synchronized WorkerConnection pollIdle(TsiAddress tsi) {
        Deque<WorkerConnection> queue = idle.get(tsi);
        return queue == null ? null : queue.pollFirst();
    }

    @Override
    public void close() {
        List<WorkerConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(WorkerConnection::close);
    }
}
