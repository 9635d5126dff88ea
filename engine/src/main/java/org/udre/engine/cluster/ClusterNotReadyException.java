package org.udre.engine.cluster;

/** An action a cluster in its current state cannot take (scaling while it starts, a job without ready nodes, ...). */
public class ClusterNotReadyException extends RuntimeException {
    public ClusterNotReadyException(String message) {
        super(message);
    }
}
