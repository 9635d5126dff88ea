package org.udre.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.udre.system.cluster.ClusterProbe.role;
import static org.udre.system.cluster.ClusterProbe.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.udre.catalog.Image;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.engine.cluster.ClusterNode;
import org.udre.engine.cluster.ClusterRequest;
import org.udre.engine.cluster.ClusterState;
import org.udre.engine.cluster.ClusterStatus;
import org.udre.engine.cluster.Clusters;
import org.udre.engine.cluster.NodeState;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.tsi.TsiEndpoint;
import org.udre.engine.tsi.TsiEndpoints;
import org.udre.system.RefusingVirtualMachines;
import org.udre.system.SilentTsi;
import org.udre.system.SystemTest;

/**
 * Clusters whose nodes fail: a host that refuses chosen domains, a TSI that never answers for chosen nodes. Failed
 * nodes are replaced by fresh ones while replacements last and leave nothing behind; a cluster is RUNNING only at
 * its quorum, and one that misses it fails, and is torn down or kept as its failure policy says.
 */
@SystemTest
// Stubbing a spy is not safe while other threads call it: no scheduled work in this engine, and every test ends
// with its cluster's processes ended, so the stubs of the next test are made while the engine is idle.
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterFailureTest {

    @DynamicPropertySource
    static void hosts(DynamicPropertyRegistry registry) {
        ClusterProbe.oneBigHost(registry);
        SilentTsi.register(registry);
    }

    @MockitoSpyBean
    Hosts hosts;
    @MockitoSpyBean
    TsiEndpoints endpoints;
    @Autowired
    Clusters clusters;
    @Autowired
    Ledger ledger;
    @Autowired
    ProcessEngine engine;
    @Value("${udre.test.silent-tsi-port}")
    int silentTsiPort;

    /** Nodes whose domain the host refuses to define. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Nodes whose domain the host defines but refuses to start. */
    final Set<String> notStarted = ConcurrentHashMap.newKeySet();
    /** Nodes whose TSI never answers (it is the silent one). */
    final Set<String> silent = ConcurrentHashMap.newKeySet();
    ClusterProbe probe;

    @BeforeEach
    void setUp() {
        String uri = hosts.settings(ClusterProbe.HOST).uri();
        doAnswer(call -> new RefusingVirtualMachines(new RefusingVirtualMachines(
                (VirtualMachines) call.callRealMethod(), RefusingVirtualMachines.Operation.DEFINE, uri, refused::contains),
                RefusingVirtualMachines.Operation.START, uri, notStarted::contains))
                .when(hosts).virtualMachines(ClusterProbe.HOST);
        doAnswer(call -> silent.contains(call.<String>getArgument(1))
                ? Optional.of(new TsiEndpoint(new TsiAddress("127.0.0.1", silentTsiPort),
                        call.<Image>getArgument(2).tsi().workspace()))
                : call.callRealMethod())
                .when(endpoints).resolve(anyString(), anyString(), any());
        probe = new ClusterProbe(clusters, hosts, ledger, engine);
    }

    @AfterEach
    void everyProcessOfTheTestHasEnded() {
        probe.awaitNoProcesses();
    }

    @Test
    void a_role_at_its_quorum_runs_though_nodes_fail_and_only_as_many_as_it_may_are_replaced() {
        // given four workers of which three must be ready and one may be replaced; one node the host refuses, one
        // whose TSI never answers
        refused.add("part1-worker-001");
        silent.add("part1-worker-002");

        // when
        clusters.start(new ClusterRequest("part1", null, template("partial", "PT10M",
                role("worker", 4, "minReady: 3\nmaxBatch: 4\nmaxReplacements: 1")), List.of(), null));
        ClusterStatus running = probe.awaitState("part1", ClusterState.RUNNING, ClusterState.FAILED);
        probe.awaitNodesGone("part1", "part1-worker-001", "part1-worker-002");

        // then the refused node was replaced by a node of a new name; the silent one failed once the only
        // replacement was used, and the role still has its quorum
        assertThat(running.state()).as(running.reason()).isEqualTo(ClusterState.RUNNING);
        Map<String, ClusterNode> nodes = nodesOf("part1");
        assertThat(nodes).containsOnlyKeys("part1-worker-000", "part1-worker-001", "part1-worker-002",
                "part1-worker-003", "part1-worker-004");
        assertThat(nodes.get("part1-worker-001").state()).isEqualTo(NodeState.FAILED);
        assertThat(nodes.get("part1-worker-001").reason()).contains(RefusingVirtualMachines.REFUSAL);
        assertThat(nodes.get("part1-worker-002").state()).isEqualTo(NodeState.FAILED);
        assertThat(nodes.get("part1-worker-002").reason()).startsWith("TSI_NOT_READY");
        assertThat(nodes.get("part1-worker-004").state()).isEqualTo(NodeState.READY);
        ClusterStatus.RoleStatus worker = clusters.status("part1").roles().get(0);
        assertThat(worker.ready()).isEqualTo(3);
        assertThat(worker.failed()).isEqualTo(2);
        assertThat(worker.replacementsLeft()).isZero();
        assertThat(clusters.status("part1").state()).isEqualTo(ClusterState.RUNNING);
        // and the failed nodes left nothing on the host
        assertThat(probe.leftOnHost("part1-worker-001")).isFalse();
        assertThat(probe.leftOnHost("part1-worker-002")).isFalse();

        clusters.teardown("part1");
        probe.awaitState("part1", ClusterState.TORN_DOWN);
        assertThat(probe.leftAnything("part1")).isFalse();
    }

    @Test
    void a_replacement_has_a_name_never_used_before_even_when_it_fails_too() {
        // given a node the host refuses to define, and its replacement, which the host defines and refuses to start
        refused.add("repl1-worker-000");
        notStarted.add("repl1-worker-002");

        // when
        clusters.start(new ClusterRequest("repl1", null, template("replacing", "PT10M",
                role("worker", 2, "maxBatch: 2\nmaxReplacements: 3")), List.of(), null));
        ClusterStatus running = probe.awaitState("repl1", ClusterState.RUNNING, ClusterState.FAILED);

        // then each failure took the next unused index, and the failed names stay failed
        assertThat(running.state()).as(running.reason()).isEqualTo(ClusterState.RUNNING);
        assertThat(nodesOf("repl1")).extractingFromEntries(entry -> entry.getKey() + "=" + entry.getValue().state())
                .containsExactlyInAnyOrder("repl1-worker-000=FAILED", "repl1-worker-001=READY",
                        "repl1-worker-002=FAILED", "repl1-worker-003=READY");
        assertThat(running.roles().get(0).replacementsLeft()).isEqualTo(1);
        probe.awaitNodesGone("repl1", "repl1-worker-000", "repl1-worker-002");
        assertThat(probe.leftOnHost("repl1-worker-000")).isFalse();
        assertThat(probe.leftOnHost("repl1-worker-002")).isFalse();

        clusters.teardown("repl1");
        probe.awaitState("repl1", ClusterState.TORN_DOWN);
        assertThat(probe.leftAnything("repl1")).isFalse();
        assertThat(nodesOf("repl1").values()).allMatch(ClusterNode::vmRemoved);
    }

    @Test
    void a_cluster_that_misses_its_quorum_by_the_deadline_fails_and_is_torn_down_completely() {
        // given a head that comes up and three workers, all needed within two seconds, of which one never answers
        silent.add("late1-worker-001");

        // when
        clusters.start(new ClusterRequest("late1", null, template("late", "PT10M",
                role("head", 1, "") + role("worker", 3, "PT2S", "parents: [head]\nmaxReplacements: 0")),
                List.of(), null));
        ClusterStatus failed = probe.awaitState("late1", ClusterState.FAILED, ClusterState.RUNNING);

        // then it never was RUNNING, says why, and everything it had is gone
        assertThat(failed.state()).isEqualTo(ClusterState.FAILED);
        assertThat(failed.reason()).contains("when its deadline PT2S passed");
        ClusterStatus gone = probe.awaitReason("late1", "every node is gone");
        assertThat(gone.state()).isEqualTo(ClusterState.FAILED);
        assertThat(probe.leftAnything("late1")).isFalse();
        assertThat(nodesOf("late1").values()).allMatch(ClusterNode::vmRemoved);
        assertThat(probe.everRunning("late1")).isFalse();
    }

    @Test
    void a_cluster_that_cannot_reach_its_quorum_and_keeps_its_nodes_says_so_until_it_is_torn_down() {
        // given three workers, all needed, no replacements, one node the host refuses; failures keep the nodes
        refused.add("keep1-worker-002");

        // when
        clusters.start(new ClusterRequest("keep1", null, template("keeping", "PT10M",
                role("worker", 3, "maxReplacements: 0")) + "onFailure: keep\n", List.of(), null));
        ClusterStatus failed = probe.awaitState("keep1", ClusterState.FAILED, ClusterState.RUNNING);

        // then it failed at once, says why and that its nodes are kept; the nodes that came up are still there
        assertThat(failed.state()).isEqualTo(ClusterState.FAILED);
        assertThat(failed.reason()).contains("quorum can no longer be reached").contains("kept for debugging");
        await().atMost(ClusterProbe.PATIENCE).until(() -> clusters.status("keep1").roles().get(0).ready() == 2);
        probe.awaitNodesGone("keep1", "keep1-worker-002");
        assertThat(probe.leftOnHost("keep1-worker-000")).isTrue();
        assertThat(probe.leftOnHost("keep1-worker-001")).isTrue();
        assertThat(probe.leftOnHost("keep1-worker-002")).isFalse();
        assertThat(clusters.status("keep1").state()).isEqualTo(ClusterState.FAILED);

        // when it is torn down, then nothing is left and it stays FAILED
        clusters.teardown("keep1");
        ClusterStatus gone = probe.awaitReason("keep1", "every node is gone");
        assertThat(gone.state()).isEqualTo(ClusterState.FAILED);
        assertThat(gone.reason()).contains("quorum can no longer be reached");
        assertThat(probe.leftAnything("keep1")).isFalse();
        // a second teardown of what is gone is no error
        assertThat(clusters.teardown("keep1").state()).isEqualTo(ClusterState.FAILED);
    }

    @Test
    void a_cluster_whose_nodes_all_fail_with_the_teardown_policy_fails_and_leaves_nothing() {
        // given two workers that are both refused, one replacement
        refused.addAll(Set.of("all1-worker-000", "all1-worker-001", "all1-worker-002"));

        // when
        clusters.start(new ClusterRequest("all1", null, template("refused", "PT10M",
                role("worker", 2, "maxReplacements: 1")), List.of(), null));
        ClusterStatus failed = probe.awaitReason("all1", "every node is gone");

        // then
        assertThat(failed.state()).isEqualTo(ClusterState.FAILED);
        assertThat(failed.reason()).contains("quorum can no longer be reached");
        assertThat(probe.leftAnything("all1")).isFalse();
        assertThat(probe.everRunning("all1")).isFalse();
    }

    private Map<String, ClusterNode> nodesOf(String cluster) {
        return clusters.nodes(cluster).stream().collect(Collectors.toMap(ClusterNode::name, Function.identity()));
    }
}
