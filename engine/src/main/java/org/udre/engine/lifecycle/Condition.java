package org.udre.engine.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * One aspect of a job's VM, as a front end or an operator reads it: whether it holds, why, and since when.
 *
 * @param type    Provisioned, Booted, TsiReady, JobRunning or TornDown
 * @param status  TRUE, FALSE or UNKNOWN (not decided yet)
 * @param reason  a word for programs, e.g. NoCallback
 * @param message a sentence for people
 * @param since   when the condition last changed; null while UNKNOWN
 */
public record Condition(String type, Status status, String reason, String message, Instant since) {

    public enum Status { TRUE, FALSE, UNKNOWN }

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
