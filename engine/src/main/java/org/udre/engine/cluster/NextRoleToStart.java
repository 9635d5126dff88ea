package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import java.util.List;

import org.springframework.stereotype.Component;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;
import org.udre.templates.ClusterPlan;
import org.udre.templates.RolePlan;

/** Picks the next role to start, parents before children, or says that every role has been started. */
@Component("nextRoleToStart")
class NextRoleToStart extends LifecycleStep {

    private final ClusterStore store;

    NextRoleToStart(ClusterStore store) {
        super("CLUSTER_FAILED");
        this.store = store;
    }

    @Override
    protected void run(JobVariables cluster) {
        List<RolePlan> roles = ClusterPlan.fromJson(store.require(cluster.string(CLUSTER_ID)).planJson()).roles();
        int index = cluster.intOr(ROLE_INDEX, 0);
        cluster.set(ALL_ROLES_STARTED, index >= roles.size());
        if (index < roles.size()) {
            RolePlan role = roles.get(index);
            cluster.set(CURRENT_ROLE, role.name());
            cluster.set(ROLE_READY_WITHIN, role.readyWithin().toString());
            cluster.set(ROLE_PROGRESS, role.name() + ": not started yet");
            cluster.set(ROLE_INDEX, index + 1);
        }
    }
}
