package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;
import static org.udre.engine.lifecycle.JobVariables.FAILURE_REASON;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.udre.templates.ClusterPlan;
import org.udre.templates.FailurePolicy;

/**
 * The cluster process's state changes, called from its BPMN as expressions ({@code ${clusterStates.running(execution)}})
 * so that the diagram says what each step does to the cluster.
 */
@Component("clusterStates")
public class ClusterStates {

    private final ClusterStore store;

    public ClusterStates(ClusterStore store) {
        this.store = store;
    }

    public void running(DelegateExecution execution) {
        store.setState(id(execution), ClusterState.RUNNING, "every role has reached its quorum");
    }

    public void tearingDown(DelegateExecution execution) {
        store.setState(id(execution), ClusterState.TEARING_DOWN, "releasing every node, children before parents");
    }

    public void tornDown(DelegateExecution execution) {
        store.setState(id(execution), ClusterState.TORN_DOWN, "every node is gone");
    }

    /** Records why the cluster failed, and whether its nodes are kept for debugging (its failure policy). */
    public void failed(DelegateExecution execution) {
        ClusterRecord cluster = store.require(id(execution));
        boolean keep = ClusterPlan.fromJson(cluster.planJson()).template().onFailure() == FailurePolicy.KEEP;
        String reason = execution.getVariable(FAILURE_REASON) + (keep ? "; nodes kept for debugging until torn down"
                + " or the lease ends" : "; tearing down");
        store.setState(cluster.id(), ClusterState.FAILED, reason);
        execution.setVariable(KEEP_NODES, keep);
    }

    /** A failed cluster's nodes are gone: it stays FAILED, with why. */
    public void failedAndTornDown(DelegateExecution execution) {
        store.setState(id(execution), ClusterState.FAILED, execution.getVariable(FAILURE_REASON)
                + "; every node is gone");
    }

    private static String id(DelegateExecution execution) {
        return (String) execution.getVariable(CLUSTER_ID);
    }
}
