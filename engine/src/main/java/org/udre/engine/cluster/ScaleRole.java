package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import org.springframework.stereotype.Component;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;
import org.udre.templates.ClusterPlan;

/**
 * Changes a role's count in the plan: the nodes it no longer has are marked for release (highest indices first),
 * the new ones are started by the role's convergence that follows.
 */
@Component("scaleRole")
class ScaleRole extends LifecycleStep {

    private final ClusterStore store;

    ScaleRole(ClusterStore store) {
        super("SCALING_FAILED");
        this.store = store;
    }

    @Override
    protected void run(JobVariables job) {
        ClusterRecord cluster = store.require(job.string(CLUSTER_ID));
        String role = job.string(SCALE_ROLE);
        int count = job.optionalInt(SCALE_COUNT).orElseThrow();
        ClusterPlan.Scaling scaling = ClusterPlan.fromJson(cluster.planJson()).scale(role, count);
        store.setPlan(cluster.id(), scaling.plan().toJson());
        store.requestRelease(cluster.id(), scaling.removed());
        store.setState(cluster.id(), ClusterState.SCALING, "role " + role + " to " + count + " nodes: "
                + scaling.added().size() + " to add, " + scaling.removed().size() + " to release");
        job.set(CURRENT_ROLE, role);
        job.set(ROLE_READY_WITHIN, scaling.plan().role(role).readyWithin().toString());
        job.set(ROLE_PROGRESS, role + ": scaling to " + count + " nodes");
    }
}
