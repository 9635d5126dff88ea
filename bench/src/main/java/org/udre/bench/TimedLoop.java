package org.udre.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one operation again and again in some threads for a while, timing every run: first a warm-up whose figures
 * are thrown away (JIT, pooled connections, page cache), then the measured stretch. Every thread runs at least once
 * in each, so a slow operation still yields a figure.
 */
final class TimedLoop {

    /** One run of the operation; {@code thread} (0-based) lets each thread work on something of its own. */
    interface Operation {
        void run(int thread) throws Exception;
    }

    /** What the measured stretch gave: runs completed, wall time from start until the last run ended, their latencies. */
    record Result(int count, Duration wall, Latencies latencies) {
        Result {
            if (count < 1 || wall == null || wall.isNegative() || wall.isZero() || latencies == null) {
                throw new IllegalArgumentException("a measurement needs at least one run and a positive wall time, got "
                        + count + " runs in " + wall);
            }
        }

        double perSecond() {
            return count / (wall.toNanos() / 1e9);
        }
    }

    private final Duration warmUp;
    private final Duration measured;

    TimedLoop(Duration warmUp, Duration measured) {
        if (warmUp == null || warmUp.isNegative() || measured == null || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("warm-up must be zero or positive and the measured time positive, got "
                    + warmUp + " and " + measured);
        }
        this.warmUp = warmUp;
        this.measured = measured;
    }

    Result run(int threads, Operation operation) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            if (!warmUp.isZero()) {
                stretch(pool, threads, warmUp, operation);
            }
            return stretch(pool, threads, measured, operation);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result stretch(ExecutorService pool, int threads, Duration length, Operation operation) throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger count = new AtomicInteger();
        long begin = System.nanoTime();
        long deadline = begin + length.toNanos();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                do {
                    long start = System.nanoTime();
                    operation.run(thread);
                    latencies.add(Duration.ofNanos(System.nanoTime() - start));
                    count.incrementAndGet();
                } while (System.nanoTime() < deadline);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        return new Result(count.get(), Duration.ofNanos(System.nanoTime() - begin), latencies);
    }
}
