package org.udre.engine.cluster;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.udre.templates.ClusterPlan;
import org.udre.templates.RolePlan;

/**
 * Starts cluster nodes: one cluster-node instance a node, which provisions, boots and awaits the node's VM exactly
 * as a single job's VM, and a row for it. Each node's process owns its VM in the ledger, so no node outlives its
 * process unnoticed.
 */
@Component
public class NodeStarter {

    public static final String NODE_PROCESS = "cluster-node";

    private final RuntimeService runtime;
    private final ClusterStore store;

    public NodeStarter(RuntimeService runtime, ClusterStore store) {
        this.runtime = runtime;
        this.store = store;
    }

    public void start(ClusterRecord cluster, ClusterPlan plan, String roleName, List<String> names) {
        RolePlan role = plan.role(roleName);
        for (String name : names) {
            int index = plan.locate(name).orElseThrow().index();
            VariableMap variables = Variables.createVariables()
                    .putValue(ClusterVariables.CLUSTER_ID, cluster.id())
                    .putValue(ClusterVariables.CLUSTER_NAME, cluster.name())
                    .putValue(ClusterVariables.NODE_ROLE, roleName)
                    .putValue(ClusterVariables.NODE_INDEX, index)
                    .putValue(ClusterVariables.LEASE_EXPIRES_AT, cluster.leaseExpiresAt().toString())
                    .putValue(IMAGE, cluster.images().get(roleName))
                    .putValue(OWNER, cluster.owner())
                    .putValue(CORES, role.role().size().cores())
                    .putValue(MEMORY_MIB, role.role().size().memoryMiB())
                    .putValue(VM_NAME, name);
            String process = runtime.createProcessInstanceByKey(NODE_PROCESS)
                    .businessKey(name)
                    .setVariables(variables)
                    .execute()
                    .getId();
            store.insertNode(cluster.id(), name, roleName, index, process);
        }
    }
}
