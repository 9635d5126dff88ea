package org.udre.engine.cluster;

/**
 * A job to run on a cluster, through the TSI of one of its nodes.
 *
 * @param script  the job script
 * @param role    the role whose first ready node runs it; empty: the first role in start order (the head of most
 *                clusters), or the role of {@code node}
 * @param node    the node that runs it, by name ({@code <cluster>-<role>-<index>}); empty: chosen by role
 * @param jobName a name for the job; empty: "udre-job"
 */
public record ClusterJobRequest(String script, String role, String node, String jobName, String requestId) {

    public ClusterJobRequest {
        if (script == null || script.isBlank()) {
            throw new IllegalArgumentException("a job needs a script");
        }
        role = role == null || role.isBlank() ? null : role;
        node = node == null || node.isBlank() ? null : node;
    }
}
