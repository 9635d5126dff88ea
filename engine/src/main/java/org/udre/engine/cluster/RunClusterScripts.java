package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiFailedException;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.LifecycleStep;
import org.udre.templates.ClusterFacts;
import org.udre.templates.ClusterPlan;
import org.udre.templates.RolePlan;
import org.udre.templates.Script;

/**
 * Runs each role's scripts through the TSI of every ready node of the role, roles in start order, once every role is
 * up: what makes the nodes a cluster (a host file of all members, workers registering with their controller). A
 * script that fails on any node fails the cluster. Scripts run again when the step is retried, so they should be
 * safe to repeat.
 */
@Component("runClusterScripts")
class RunClusterScripts extends LifecycleStep {

    /** Nodes talked to at once: enough to get through thousands quickly, few enough for the engine's threads. */
    private static final int PARALLEL = 8;

    private final ClusterStore store;
    private final TsiClient tsi;
    private final ImageCatalog catalog;

    RunClusterScripts(ClusterStore store, TsiClient tsi, ImageCatalog catalog) {
        super("CLUSTER_SCRIPT_FAILED");
        this.store = store;
        this.tsi = tsi;
        this.catalog = catalog;
    }

    @Override
    protected void run(JobVariables job) {
        ClusterRecord cluster = store.require(job.string(CLUSTER_ID));
        ClusterPlan plan = ClusterPlan.fromJson(cluster.planJson());
        Set<String> members = plan.roles().stream().flatMap(role -> role.memberNames().stream())
                .collect(Collectors.toSet());
        Map<String, ClusterNode> ready = new LinkedHashMap<>();
        for (ClusterNode node : store.nodes(cluster.id())) {
            if (node.state() == NodeState.READY && members.contains(node.name())) {
                ready.put(node.name(), node);
            }
        }
        Map<String, String> addresses = new LinkedHashMap<>();
        ready.forEach((name, node) -> addresses.put(name, TsiAddress.parse(node.address()).host()));
        ClusterFacts facts = plan.facts(addresses);

        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (RolePlan role : plan.roles()) {
                Identity owner = Identity.of(cluster.owner() != null ? cluster.owner()
                        : catalog.pinned(cluster.images().get(role.name())).tsi().user());
                for (Script script : role.role().scripts()) {
                    List<Future<?>> runs = new ArrayList<>();
                    for (String member : role.memberNames()) {
                        ClusterNode node = ready.get(member);
                        if (node != null) {
                            runs.add(pool.submit(() -> runOn(node, script, facts, owner)));
                        }
                    }
                    awaitAll(runs);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runOn(ClusterNode node, Script script, ClusterFacts facts, Identity owner) {
        try {
            tsi.executeScript(TsiAddress.parse(node.address()), owner, script.render(facts, node.name()));
        } catch (TsiFailedException e) {
            throw new BpmnError("CLUSTER_SCRIPT_FAILED", "script '" + script.name() + "' failed on " + node.name()
                    + ": " + e.reason());
        }
    }

    private static void awaitAll(List<Future<?>> runs) {
        for (Future<?> run : runs) {
            try {
                run.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while cluster scripts ran", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
