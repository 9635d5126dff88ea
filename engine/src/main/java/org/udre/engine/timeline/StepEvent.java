package org.udre.engine.timeline;

import java.time.Duration;
import java.time.Instant;

/**
 * A step of a process started or ended, published once the transaction that did it committed.
 *
 * @param took how long the step ran, from its start to its end; null for STARTED, and for an end whose start this
 *             engine did not see (it started before a restart, or on another engine node)
 */
public record StepEvent(String processInstanceId, String activityId, String name, Kind kind, Instant at,
                        Duration took) {

    public enum Kind {
        STARTED,
        /** The step did its work and the process moved on. */
        ENDED,
        /** The step was cut short: by a failure elsewhere, a cancellation, a deadline or a deleted instance. */
        INTERRUPTED
    }
}
