package org.udre.engine.cluster;

/** Cluster names are part of node names, which are never reused: a name is taken once and for good. */
public class ClusterNameTakenException extends RuntimeException {
    public ClusterNameTakenException(String name) {
        super("the cluster name '" + name + "' has been used already; node names are never reused, so pick another");
    }
}
