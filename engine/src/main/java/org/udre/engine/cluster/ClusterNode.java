package org.udre.engine.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One node of a cluster, as its process reports it.
 *
 * @param nodeProcess      the cluster-node instance that serves the node (and owns its VM in the ledger)
 * @param address          its TSI as host:port, once ready
 * @param releaseRequested the cluster no longer wants it
 * @param vmRemoved        its VM and volume are gone
 */
public record ClusterNode(String clusterId, String name, String role, int index, NodeState state, String nodeProcess,
                          String address, String workspace, String host, String reason, boolean releaseRequested,
                          boolean vmRemoved, Instant updatedAt) {

    public ClusterNode {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
    }
}
