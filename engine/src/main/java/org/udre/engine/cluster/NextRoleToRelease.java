package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import java.util.List;

import org.springframework.stereotype.Component;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;
import org.udre.templates.ClusterPlan;
import org.udre.templates.RolePlan;

/** Picks the next role to release, children before parents, and marks all of its nodes for release. */
@Component("nextRoleToRelease")
class NextRoleToRelease extends LifecycleStep {

    private final ClusterStore store;

    NextRoleToRelease(ClusterStore store) {
        super("TEARDOWN_FAILED");
        this.store = store;
    }

    @Override
    protected void run(JobVariables job) {
        ClusterRecord cluster = store.require(job.string(CLUSTER_ID));
        List<RolePlan> roles = ClusterPlan.fromJson(cluster.planJson()).teardownOrder();
        int index = job.intOr(RELEASE_INDEX, 0);
        job.set(ALL_ROLES_RELEASED, index >= roles.size());
        if (index < roles.size()) {
            String role = roles.get(index).name();
            store.requestReleaseOfRole(cluster.id(), role);
            job.set(CURRENT_ROLE, role);
            job.set(RELEASE_INDEX, index + 1);
        }
    }
}
