package org.udre.engine.cluster;

/** Where a cluster stands. Only RUNNING means that every role has reached its quorum. */
public enum ClusterState {
    /** Roles are being started, in order. */
    STARTING,
    /** Every role has its quorum of ready nodes. */
    RUNNING,
    /** A role is being scaled; the others keep their quorum. */
    SCALING,
    /** A role fell below its quorum and replacements are starting. */
    DEGRADED,
    /** A role could not reach or keep its quorum; its nodes are torn down, or kept for debugging. */
    FAILED,
    /** Its nodes are being released, children before parents. */
    TEARING_DOWN,
    /** Every node is gone. */
    TORN_DOWN
}
