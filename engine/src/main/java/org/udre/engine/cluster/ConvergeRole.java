package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.stereotype.Component;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;
import org.udre.templates.ClusterPlan;

/**
 * One round of bringing a role to its plan: replaces failed members while replacements last, starts the next members
 * (at most maxBatch booting at once) and says whether the role is complete. Waiting between rounds, and the role's
 * deadline, are drawn in the process.
 */
@Component("convergeRole")
class ConvergeRole extends LifecycleStep {

    private final ClusterStore store;
    private final NodeStarter starter;

    ConvergeRole(ClusterStore store, NodeStarter starter) {
        super("ROLE_NOT_READY");
        this.store = store;
        this.starter = starter;
    }

    @Override
    protected void run(JobVariables job) {
        ClusterRecord cluster = store.require(job.string(CLUSTER_ID));
        String role = job.string(CURRENT_ROLE);
        ClusterPlan plan = ClusterPlan.fromJson(cluster.planJson());
        RoleConvergence step = RoleConvergence.step(plan, role, store.nodes(cluster.id(), role));
        if (!step.plan().equals(plan)) {
            store.setPlan(cluster.id(), step.plan().toJson());
        }
        starter.start(cluster, step.plan(), role, step.toStart());
        job.set(ROLE_PROGRESS, step.progress());
        job.set(ROLE_READY, step.complete());
        if (step.hopeless()) {
            throw new BpmnError("ROLE_CANNOT_REACH_QUORUM", "role " + step.progress()
                    + ": the quorum can no longer be reached");
        }
    }
}
