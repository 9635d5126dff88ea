package org.udre.engine.cluster;

/**
 * The process variables of the cluster processes (cluster, cluster-role, cluster-release, cluster-teardown,
 * cluster-node), by name. The nodes themselves are not variables: each is a row of the cluster_node table, so a
 * cluster of thousands of nodes keeps its instance small.
 */
public final class ClusterVariables {

    /** The cluster's id (its process instance), passed to every process that works for it. */
    public static final String CLUSTER_ID = "clusterId";
    public static final String CLUSTER_NAME = "clusterName";
    public static final String LEASE_EXPIRES_AT = "leaseExpiresAt";

    // Starting roles, in start order.
    public static final String ROLE_INDEX = "roleIndex";
    public static final String ALL_ROLES_STARTED = "allRolesStarted";
    public static final String CURRENT_ROLE = "currentRole";
    public static final String ROLE_READY_WITHIN = "roleReadyWithin";
    public static final String ROLE_READY = "roleReady";
    public static final String ROLE_PROGRESS = "roleProgress";

    // Scaling (set by the scale-cluster message). Not "scaleRole": a variable would hide the bean of that name.
    public static final String SCALE_ROLE = "scaledRole";
    public static final String SCALE_COUNT = "scaledCount";

    // Releasing roles, in teardown order.
    public static final String RELEASE_INDEX = "releaseIndex";
    public static final String ALL_ROLES_RELEASED = "allRolesReleased";
    public static final String ROLE_RELEASED = "roleReleased";

    // How it ended (failureCode and failureReason are named as for jobs: JobVariables).
    public static final String KEEP_NODES = "keepNodes";

    // A node's own process.
    public static final String NODE_ROLE = "nodeRole";
    public static final String NODE_INDEX = "nodeIndex";

    private ClusterVariables() {
    }
}
