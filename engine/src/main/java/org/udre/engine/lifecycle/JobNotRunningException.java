package org.udre.engine.lifecycle;

/** A cancel for a job that has ended or is already being torn down. */
public class JobNotRunningException extends RuntimeException {
    public JobNotRunningException(String id, String why) {
        super("job '" + id + "' cannot be cancelled: " + why);
    }
}
