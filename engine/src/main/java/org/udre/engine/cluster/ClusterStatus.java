package org.udre.engine.cluster;

import java.time.Instant;
import java.util.List;

/**
 * Where a cluster stands, as a user or a front end reads it.
 *
 * @param state     see {@link ClusterState}; RUNNING only while every role has its quorum
 * @param roles     in start order
 * @param incidents steps of the cluster's own process that gave up and wait for an operator
 */
public record ClusterStatus(String id, String name, String template, ClusterState state, String reason,
                            Instant leaseExpiresAt, Instant createdAt, Instant updatedAt, List<RoleStatus> roles,
                            List<String> incidents) {

    /**
     * One role: what the plan wants and how its nodes stand.
     *
     * @param count            members the plan wants
     * @param quorum           ready members the role needs
     * @param released         nodes released by scaling down or teardown
     * @param replacementsLeft failed nodes that can still be replaced by fresh ones
     */
    public record RoleStatus(String name, String image, int count, int quorum, int ready, int starting, int failed,
                             int released, int replacementsLeft) {
    }
}
