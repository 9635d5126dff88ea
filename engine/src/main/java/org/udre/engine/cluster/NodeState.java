package org.udre.engine.cluster;

/** Where one node of a cluster stands, as its own process reports it. */
public enum NodeState {
    /** Its VM is being provisioned and booted, or its TSI awaited. */
    STARTING,
    /** Its TSI answers: it counts towards its role's quorum. */
    READY,
    /** It did not come up, or its VM was lost; it is torn down and may be replaced by a fresh node. */
    FAILED,
    /** The cluster released it (scale-down or teardown). */
    RELEASED
}
