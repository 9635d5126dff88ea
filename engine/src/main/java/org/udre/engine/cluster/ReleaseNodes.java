package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import org.springframework.stereotype.Component;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;

/**
 * Looks at how far the release of a role's marked nodes has come, and has the node releaser tell them (each node is
 * told by a message to its own process, one transaction each, outside this step, so that thousands of nodes never
 * make one large transaction or contend with this instance).
 */
@Component("releaseNodes")
class ReleaseNodes extends LifecycleStep {

    private final ClusterStore store;
    private final NodeReleaser releaser;

    ReleaseNodes(ClusterStore store, NodeReleaser releaser) {
        super("TEARDOWN_FAILED");
        this.store = store;
        this.releaser = releaser;
    }

    @Override
    protected void run(JobVariables job) {
        String clusterId = job.string(CLUSTER_ID);
        String role = job.string(CURRENT_ROLE);
        releaser.releaseAfterCommit(clusterId);
        long left = store.nodes(clusterId, role).stream()
                .filter(node -> node.releaseRequested() && !node.vmRemoved())
                .count();
        job.set(ROLE_RELEASED, left == 0);
        job.set(ROLE_PROGRESS, role + ": " + left + " nodes still being released");
    }
}
