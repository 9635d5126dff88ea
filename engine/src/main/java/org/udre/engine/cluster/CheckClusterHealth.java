package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.stereotype.Component;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;
import org.udre.templates.ClusterPlan;
import org.udre.templates.RolePlan;

/**
 * A round of looking after a running cluster: nodes that failed since (their VM was lost) are replaced while
 * replacements last. A role below its quorum makes the cluster DEGRADED, never RUNNING; one that cannot get back to
 * it fails the cluster.
 */
@Component("checkClusterHealth")
class CheckClusterHealth extends LifecycleStep {

    private final ClusterStore store;
    private final NodeStarter starter;

    CheckClusterHealth(ClusterStore store, NodeStarter starter) {
        super("CLUSTER_FAILED");
        this.store = store;
        this.starter = starter;
    }

    @Override
    protected void run(JobVariables job) {
        ClusterRecord cluster = store.require(job.string(CLUSTER_ID));
        ClusterPlan plan = ClusterPlan.fromJson(cluster.planJson());
        ClusterPlan original = plan;
        List<String> below = new ArrayList<>();
        for (RolePlan role : original.roles()) {
            RoleConvergence step = RoleConvergence.step(plan, role.name(), store.nodes(cluster.id(), role.name()));
            plan = step.plan();
            starter.start(cluster, plan, role.name(), step.toStart());
            if (step.hopeless()) {
                store.setPlan(cluster.id(), plan.toJson());
                throw new BpmnError("CLUSTER_LOST_QUORUM", "role " + step.progress()
                        + ": the quorum can no longer be reached");
            }
            if (step.ready() < plan.role(role.name()).quorum()) {
                below.add(step.progress());
            }
        }
        if (!plan.equals(original)) {
            store.setPlan(cluster.id(), plan.toJson());
        }
        if (!below.isEmpty()) {
            store.setState(cluster.id(), ClusterState.DEGRADED, "below quorum, replacements starting: "
                    + String.join("; ", below));
        } else if (cluster.state() == ClusterState.DEGRADED) {
            store.setState(cluster.id(), ClusterState.RUNNING, "every role is back at its quorum");
        }
    }
}
