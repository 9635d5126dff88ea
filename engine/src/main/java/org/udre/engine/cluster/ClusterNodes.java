package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;
import static org.udre.engine.lifecycle.JobVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What a cluster node's process reports about its node, called from its BPMN as expressions
 * ({@code ${clusterNodes.ready(execution)}}). Each node writes its own row only: nodes never contend with each other or
 * with their cluster's instance.
 */
@Component("clusterNodes")
public class ClusterNodes {

    private final ClusterStore store;

    public ClusterNodes(ClusterStore store) {
        this.store = store;
    }

    public void ready(DelegateExecution execution) {
        store.nodeReady(cluster(execution), node(execution), (String) execution.getVariable(TSI_ADDRESS),
                (String) execution.getVariable(TSI_WORKSPACE), (String) execution.getVariable(HOST_NAME));
    }

    public void failed(DelegateExecution execution) {
        store.nodeFailed(cluster(execution), node(execution), execution.getVariable(FAILURE_CODE) + ": "
                + execution.getVariable(FAILURE_REASON));
    }

    public void gone(DelegateExecution execution) {
        store.nodeRemoved(cluster(execution), node(execution));
    }

    private static String cluster(DelegateExecution execution) {
        return (String) execution.getVariable(CLUSTER_ID);
    }

    private static String node(DelegateExecution execution) {
        return (String) execution.getVariable(VM_NAME);
    }
}
