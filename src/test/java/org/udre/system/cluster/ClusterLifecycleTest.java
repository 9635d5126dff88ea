package org.udre.system.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.udre.system.cluster.ClusterProbe.role;
import static org.udre.system.cluster.ClusterProbe.template;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.udre.engine.cluster.ClusterJobRequest;
import org.udre.engine.cluster.ClusterNameTakenException;
import org.udre.engine.cluster.ClusterNode;
import org.udre.engine.cluster.ClusterRequest;
import org.udre.engine.cluster.ClusterState;
import org.udre.engine.cluster.ClusterStatus;
import org.udre.engine.cluster.ClusterStore;
import org.udre.engine.cluster.Clusters;
import org.udre.engine.cluster.NodeState;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.system.SystemTest;
import org.udre.templates.InvalidTemplateException;

/** Clusters from templates: started role by role, used, scaled and torn down, on the real engine. */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterLifecycleTest {

    @DynamicPropertySource
    static void host(DynamicPropertyRegistry registry) {
        ClusterProbe.oneBigHost(registry);
    }

    @Autowired
    Clusters clusters;
    @Autowired
    ClusterStore store;
    @Autowired
    Hosts hosts;
    @Autowired
    Ledger ledger;
    @Autowired
    Jobs jobs;
    @Autowired
    HistoryService history;
    @Autowired
    ProcessEngine engine;

    ClusterProbe probe;

    @BeforeEach
    void setUp() {
        probe = new ClusterProbe(clusters, hosts, ledger, engine);
    }

    static final String CHAIN = template("chain", "PT10M",
            role("a", 1, "") + role("b", 2, "parents: [a]") + role("c", 2, "parents: [b]"));

    @Test
    void three_roles_start_parents_first_and_are_torn_down_children_first() {
        clusters.start(new ClusterRequest("chain1", null, CHAIN, List.of(), null));

        ClusterStatus running = probe.awaitState("chain1", ClusterState.RUNNING, ClusterState.FAILED);

        assertThat(running.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(running.roles()).extracting(ClusterStatus.RoleStatus::name, ClusterStatus.RoleStatus::ready)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2),
                        org.assertj.core.groups.Tuple.tuple("c", 2));
        Map<String, List<ClusterNode>> nodes = byRole("chain1");
        assertThat(latestReady(nodes.get("a"))).isBeforeOrEqualTo(earliestStart(nodes.get("b")));
        assertThat(latestReady(nodes.get("b"))).isBeforeOrEqualTo(earliestStart(nodes.get("c")));

        clusters.teardown("chain1");
        ClusterStatus gone = probe.awaitState("chain1", ClusterState.TORN_DOWN);

        assertThat(gone.roles()).allMatch(role -> role.ready() == 0 && role.released() == role.count());
        assertThat(latestGone(nodes.get("c"))).isBeforeOrEqualTo(earliestGone(nodes.get("b")));
        assertThat(latestGone(nodes.get("b"))).isBeforeOrEqualTo(earliestGone(nodes.get("a")));
        assertThat(probe.leftAnything("chain1")).isFalse();
    }

    @Test
    void nodes_are_listed_role_by_role_in_start_order_not_by_role_name() {
        String template = template("order", "PT10M", role("store", 1, "") + role("app", 2, "parents: [store]"));
        clusters.start(new ClusterRequest("order1", null, template, List.of(), null));
        probe.awaitState("order1", ClusterState.RUNNING, ClusterState.FAILED);

        assertThat(clusters.nodes("order1")).extracting(ClusterNode::name)
                .containsExactly("order1-store-000", "order1-app-000", "order1-app-001");

        clusters.teardown("order1");
        probe.awaitState("order1", ClusterState.TORN_DOWN);
    }

    @Test
    void a_job_runs_through_the_tsi_of_the_first_roles_node_and_its_output_comes_back() {
        clusters.start(new ClusterRequest("jobs1", null, template("jobs", "PT10M",
                role("head", 1, "") + role("compute", 2, "parents: [head]")), List.of(), null));
        probe.awaitState("jobs1", ClusterState.RUNNING);

        String id = clusters.runJob("jobs1", new ClusterJobRequest("echo job on the head; exit 4", null, null, null, null));
        await().atMost(ClusterProbe.PATIENCE).until(() -> jobs.status(id).ended());
        JobStatus job = jobs.status(id);

        assertThat(job.state()).isEqualTo("FAILED");
        assertThat(job.exitCode()).isEqualTo(4);
        assertThat(new String(jobs.output(id, "stdout").orElseThrow())).isEqualTo("job on the head\n");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).variableName("node")
                .singleResult().getValue()).isEqualTo("jobs1-head-000");

        String onCompute = clusters.runJob("jobs1", new ClusterJobRequest("echo on a compute node", null,
                "jobs1-compute-001", null, null));
        await().atMost(ClusterProbe.PATIENCE).until(() -> jobs.status(onCompute).ended());
        assertThat(jobs.status(onCompute).state()).isEqualTo("SUCCEEDED");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(onCompute).variableName("node")
                .singleResult().getValue()).isEqualTo("jobs1-compute-001");
        assertThatThrownBy(() -> clusters.runJob("jobs1", new ClusterJobRequest("true", null, "jobs1-compute-009",
                null, null))).hasMessageContaining("has no node 'jobs1-compute-009'");
        assertThat(clusters.status("jobs1").state()).isEqualTo(ClusterState.RUNNING);
        clusters.teardown("jobs1");
        probe.awaitState("jobs1", ClusterState.TORN_DOWN);
        assertThat(probe.leftAnything("jobs1")).isFalse();
    }

    @Test
    void a_role_scaled_up_and_down_gains_fresh_nodes_loses_its_highest_and_never_reuses_a_name() {
        clusters.start(new ClusterRequest("scale1", null, template("scaling", "PT10M",
                role("worker", 2, "min: 1\nmax: 6\nminReady: 1")), List.of(), null));
        probe.awaitState("scale1", ClusterState.RUNNING);

        clusters.scale("scale1", "worker", 4);
        await().atMost(ClusterProbe.PATIENCE).until(() -> clusters.status("scale1").state() == ClusterState.RUNNING
                && clusters.status("scale1").roles().get(0).ready() == 4);
        clusters.scale("scale1", "worker", 1);
        await().atMost(ClusterProbe.PATIENCE).until(() -> clusters.status("scale1").state() == ClusterState.RUNNING
                && clusters.status("scale1").roles().get(0).released() == 3);
        clusters.scale("scale1", "worker", 2);
        await().atMost(ClusterProbe.PATIENCE).until(() -> clusters.status("scale1").state() == ClusterState.RUNNING
                && clusters.status("scale1").roles().get(0).ready() == 2);

        Map<String, NodeState> states = clusters.nodes("scale1").stream()
                .collect(Collectors.toMap(ClusterNode::name, ClusterNode::state));
        assertThat(states).containsOnlyKeys("scale1-worker-000", "scale1-worker-001", "scale1-worker-002",
                "scale1-worker-003", "scale1-worker-004");
        assertThat(states).containsEntry("scale1-worker-000", NodeState.READY)
                .containsEntry("scale1-worker-004", NodeState.READY)
                .containsEntry("scale1-worker-001", NodeState.RELEASED)
                .containsEntry("scale1-worker-003", NodeState.RELEASED);
        assertThatThrownBy(() -> clusters.scale("scale1", "worker", 7)).hasMessageContaining("1 to 6 nodes");

        clusters.teardown("scale1");
        probe.awaitState("scale1", ClusterState.TORN_DOWN);
        assertThat(probe.leftAnything("scale1")).isFalse();
    }

    @Test
    void a_cluster_whose_lease_ends_is_torn_down_by_itself() {
        clusters.start(new ClusterRequest("lease1", null, template("short", "PT8S", role("solo", 2, "")),
                List.of(), null));
        probe.awaitState("lease1", ClusterState.RUNNING);

        ClusterStatus gone = probe.awaitState("lease1", ClusterState.TORN_DOWN);

        assertThat(gone.reason()).isEqualTo("every node is gone");
        assertThat(probe.leftAnything("lease1")).isFalse();
    }

    @Test
    void an_invalid_template_is_refused_with_every_error_and_its_path_and_starts_nothing() {
        String bad = template("bad", "PT10M", role("a", -1, "") + role("b", 2, "parents: [nosuch]\nminReady: 3")
                + "  c:\n    image: no-such-image:1.0\n    size: {cores: 1, memoryMiB: 128}\n    count: 1\n"
                + "    readyWithin: PT1M\n");

        assertThatThrownBy(() -> clusters.start(new ClusterRequest("bad1", null, bad, List.of(), null)))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.path())
                        .contains("/roles/a/count", "/roles/b/parents/0", "/roles/b/minReady", "/roles/c/image"));
        assertThat(store.findByName("bad1")).isEmpty();
    }

    @Test
    void a_cluster_name_is_taken_for_good() {
        clusters.start(new ClusterRequest("once", null, template("once", "PT10M", role("solo", 1, "")),
                List.of(), null));
        probe.awaitState("once", ClusterState.RUNNING);
        clusters.teardown("once");
        probe.awaitState("once", ClusterState.TORN_DOWN);

        assertThatThrownBy(() -> clusters.start(new ClusterRequest("once", null,
                template("once", "PT10M", role("solo", 1, "")), List.of(), null)))
                .isInstanceOf(ClusterNameTakenException.class);
    }

    @Test
    void a_200_node_cluster_starts_runs_a_job_on_its_head_and_tears_down_completely() {
        clusters.start(new ClusterRequest("big200", "mpi", null,
                List.of("compute.count=199", "compute.maxBatch=64", "compute.image=udre-test:1.0",
                        "head.image=udre-test:1.0", "command=cat \"$HOSTFILE\" | wc -l"), null));

        ClusterStatus running = probe.awaitState("big200", ClusterState.RUNNING, ClusterState.FAILED);
        assertThat(running.state()).as(running.reason()).isEqualTo(ClusterState.RUNNING);
        assertThat(running.roles().stream().mapToInt(ClusterStatus.RoleStatus::ready).sum()).isEqualTo(200);

        String id = clusters.runJob("big200", new ClusterJobRequest("echo 200 nodes; hostname", null, null, null, null));
        await().atMost(ClusterProbe.PATIENCE).until(() -> jobs.status(id).ended());
        assertThat(jobs.status(id).state()).isEqualTo("SUCCEEDED");

        clusters.teardown("big200");
        probe.awaitState("big200", ClusterState.TORN_DOWN);
        assertThat(probe.leftAnything("big200")).isFalse();
    }

    private Map<String, List<ClusterNode>> byRole(String cluster) {
        return clusters.nodes(cluster).stream().collect(Collectors.groupingBy(ClusterNode::role));
    }

    /** When the last of these nodes reported itself ready. */
    private Instant latestReady(List<ClusterNode> nodes) {
        return nodes.stream().map(node -> history.createHistoricActivityInstanceQuery()
                        .processInstanceId(node.nodeProcess()).activityId("ReportReady").singleResult())
                .map(HistoricActivityInstance::getEndTime).map(java.util.Date::toInstant)
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private Instant earliestStart(List<ClusterNode> nodes) {
        return nodes.stream().map(node -> history.createHistoricProcessInstanceQuery()
                        .processInstanceId(node.nodeProcess()).singleResult())
                .map(HistoricProcessInstance::getStartTime).map(java.util.Date::toInstant)
                .min(Comparator.naturalOrder()).orElseThrow();
    }

    private Instant latestGone(List<ClusterNode> nodes) {
        return goneTimes(nodes).max(Comparator.naturalOrder()).orElseThrow();
    }

    private Instant earliestGone(List<ClusterNode> nodes) {
        return goneTimes(nodes).min(Comparator.naturalOrder()).orElseThrow();
    }

    private java.util.stream.Stream<Instant> goneTimes(List<ClusterNode> nodes) {
        return nodes.stream().flatMap(node -> ledger.ofOwner(node.nodeProcess()).stream())
                .filter(entry -> entry.kind() == LedgerEntry.Kind.DOMAIN)
                .map(LedgerEntry::updatedAt);
    }
}
