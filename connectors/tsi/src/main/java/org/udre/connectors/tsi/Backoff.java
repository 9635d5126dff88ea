package org.udre.connectors.tsi;

import java.time.Duration;
import java.util.Optional;

/**
 * When to look again while waiting for a TSI: exponential delays, capped, until a deadline. A pure value: the loop and
 * its timer are drawn in the BPMN, which asks this type for the next timer duration ({@code Duration.toString()} is
 * the ISO-8601 form a timer takes).
 *
 * @param initial  the first delay
 * @param factor   each delay is the previous one times this (at least 1)
 * @param max      no delay is longer than this
 * @param deadline how long to keep trying, counted from the first attempt (from the image metadata)
 */
public record Backoff(Duration initial, double factor, Duration max, Duration deadline) {
    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive, got " + initial);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a number of at least 1, got " + factor);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max delay must be at least the initial delay " + initial + ", got " + max);
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
    }

    /** 1 s, doubling, at most 30 s, until the deadline. */
    public static Backoff until(Duration deadline) {
        return new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), deadline);
    }

    /**
     * The delay before the next attempt.
     *
     * @param failedAttempts attempts made so far (1 after the first failure)
     * @param elapsed        time since the first attempt started
     * @return empty when the deadline has passed: give up; otherwise never beyond the deadline
     */
    public Optional<Duration> nextDelay(int failedAttempts, Duration elapsed) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts must be at least 1, got " + failedAttempts);
        }
        if (elapsed == null || elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed time must not be negative, got " + elapsed);
        }
        Duration left = deadline.minus(elapsed);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        double millis = initial.toMillis() * Math.pow(factor, failedAttempts - 1);
        Duration delay = millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
        return Optional.of(delay.compareTo(left) > 0 ? left : delay);
    }
}
