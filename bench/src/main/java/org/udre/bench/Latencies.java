package org.udre.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of single operations, summarised as percentiles. */
final class Latencies {

    private final List<Duration> samples = Collections.synchronizedList(new ArrayList<>());

    void add(Duration sample) {
        samples.add(sample);
    }

    Duration percentile(double p) {
        List<Duration> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static String seconds(Duration duration) {
        return Table.fixed(duration.toNanos() / 1e9, 3);
    }
}
