package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.udre.templates.TemplateTexts.read;
import static org.udre.templates.TemplateTexts.valid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterPlanTest {

    /** Declared out of start order on purpose: compute waits for head and storage, storage for head. */
    private static final String FOUR_ROLES = """
            name: four
            description: Four roles.
            lease: PT1H
            roles:
              compute:
                image: udre-guest:1.0
                size: {cores: 1, memoryMiB: 256}
                count: 2
                parents: [storage, head]
                readyWithin: PT5M
              monitor:
                image: udre-guest:1.0
                size: {cores: 1, memoryMiB: 256}
                count: 1
                readyWithin: PT5M
              head:
                image: udre-guest:1.0
                size: {cores: 1, memoryMiB: 256}
                count: 1
                readyWithin: PT5M
              storage:
                image: udre-guest:1.0
                size: {cores: 1, memoryMiB: 256}
                count: 1
                parents: [head]
                readyWithin: PT5M
            """;

    @Test
    void roles_start_after_their_parents_and_in_declaration_order_when_free_and_tear_down_in_reverse() {
        ClusterPlan plan = ClusterPlan.plan(read(FOUR_ROLES), "c1");

        assertThat(plan.roles()).extracting(RolePlan::name).containsExactly("monitor", "head", "storage", "compute");
        assertThat(plan.teardownOrder()).extracting(RolePlan::name)
                .containsExactly("compute", "storage", "head", "monitor");
    }

    @Test
    void the_start_order_is_the_same_every_time() {
        List<String> first = ClusterPlan.plan(read(FOUR_ROLES), "c1").roles().stream().map(RolePlan::name).toList();

        for (int i = 0; i < 20; i++) {
            assertThat(ClusterPlan.plan(read(FOUR_ROLES), "c1").roles()).extracting(RolePlan::name)
                    .containsExactlyElementsOf(first);
        }
    }

    @Test
    void nodes_are_named_cluster_role_index_from_zero_padded_to_one_digit_more_than_max_has() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");
        ClusterPlan big = ClusterPlan.plan(valid("worker.max=2500"), "sim");

        assertThat(plan.role("head").memberNames()).containsExactly("sim-head-000");
        assertThat(plan.role("worker").memberNames()).containsExactly("sim-worker-000", "sim-worker-001",
                "sim-worker-002");
        assertThat(big.role("worker").memberNames()).containsExactly("sim-worker-00000", "sim-worker-00001",
                "sim-worker-00002");
        assertThat(big.role("worker").nodeName(123456)).isEqualTo("sim-worker-123456");
    }

    @Test
    void the_same_template_and_cluster_name_always_give_the_same_names() {
        assertThat(ClusterPlan.plan(valid("workers=7"), "sim")).isEqualTo(ClusterPlan.plan(valid("workers=7"), "sim"));
    }

    @Test
    void members_start_in_batches_of_at_most_max_batch_in_index_order() {
        RolePlan worker = ClusterPlan.plan(valid("workers=5"), "sim").role("worker");

        assertThat(worker.batches()).containsExactly(
                List.of("sim-worker-000", "sim-worker-001"),
                List.of("sim-worker-002", "sim-worker-003"),
                List.of("sim-worker-004"));
    }

    @Test
    void each_role_carries_its_quorum_and_deadline() {
        RolePlan worker = ClusterPlan.plan(valid("workers=5"), "sim").role("worker");

        assertThat(worker.quorum()).isEqualTo(2);
        assertThat(worker.readyWithin()).hasMinutes(10);
    }

    @Test
    void scaling_up_adds_the_next_indices_and_scaling_down_removes_the_highest_first() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");

        ClusterPlan.Scaling up = plan.scale("worker", 6);
        ClusterPlan.Scaling down = up.plan().scale("worker", 2);

        assertThat(up.added()).containsExactly("sim-worker-003", "sim-worker-004", "sim-worker-005");
        assertThat(up.removed()).isEmpty();
        assertThat(down.removed()).containsExactly("sim-worker-005", "sim-worker-004", "sim-worker-003",
                "sim-worker-002");
        assertThat(down.added()).isEmpty();
        assertThat(down.plan().role("worker").memberNames()).containsExactly("sim-worker-000", "sim-worker-001");
        assertThat(plan.role("worker").count()).as("the plan scaled from is unchanged").isEqualTo(3);
    }

    @Test
    void a_scaling_to_the_current_count_changes_nothing() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");

        ClusterPlan.Scaling same = plan.scale("worker", 3);

        assertThat(same.plan()).isEqualTo(plan);
        assertThat(same.added()).isEmpty();
        assertThat(same.removed()).isEmpty();
    }

    @Test
    void a_replaced_node_gets_a_fresh_index_and_its_own_is_never_used_again() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");

        ClusterPlan.Replacement replacement = plan.replace("sim-worker-001");

        assertThat(replacement.removed()).isEqualTo("sim-worker-001");
        assertThat(replacement.added()).isEqualTo("sim-worker-003");
        assertThat(replacement.plan().role("worker").memberNames())
                .containsExactly("sim-worker-000", "sim-worker-002", "sim-worker-003");
        assertThat(replacement.plan().role("worker").members()).hasToString("0,2-3");
        assertThat(replacement.plan().role("worker").replacementsLeft()).isEqualTo(2);
    }

    @Test
    void names_are_never_reused_across_scaling_down_scaling_up_and_replacements() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");
        List<String> handedOut = new ArrayList<>(plan.role("worker").memberNames());

        plan = plan.scale("worker", 1).plan();
        ClusterPlan.Scaling up = plan.scale("worker", 5);
        handedOut.addAll(up.added());
        plan = up.plan();
        for (String failed : List.of("sim-worker-000", "sim-worker-004")) {
            ClusterPlan.Replacement replacement = plan.replace(failed);
            handedOut.add(replacement.added());
            plan = replacement.plan();
        }
        plan = plan.scale("worker", 2).plan();
        ClusterPlan.Scaling again = plan.scale("worker", 4);
        handedOut.addAll(again.added());

        assertThat(handedOut).doesNotHaveDuplicates().hasSize(3 + 4 + 2 + 2);
        assertThat(again.added()).containsExactly("sim-worker-009", "sim-worker-010");
        assertThat(again.plan().role("worker").namesEverUsed()).containsExactlyInAnyOrderElementsOf(handedOut);
    }

    @Test
    void scaling_outside_min_and_max_is_refused_and_says_the_bounds() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");

        assertThatThrownBy(() -> plan.scale("worker", 11)).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessage("role worker of cluster sim may have 1 to 10 nodes (its min and max); asked for 11");
        assertThatThrownBy(() -> plan.scale("worker", 0)).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessageEndingWith("asked for 0");
        assertThatThrownBy(() -> plan.scale("head", 2)).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessage("role head of cluster sim may have 1 to 1 nodes (its min and max); asked for 2");
        assertThatThrownBy(() -> plan.scale("gpu", 2)).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessage("cluster sim has no role \"gpu\"; roles: head, worker");
    }

    @Test
    void a_node_that_is_not_a_member_is_not_replaced() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim").replace("sim-worker-001").plan();

        assertThatThrownBy(() -> plan.replace("sim-worker-001")).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessageContaining("node sim-worker-001 is not a member of cluster sim (it was replaced or removed"
                        + " already, or never started); members of role worker: 0,2-3");
        assertThatThrownBy(() -> plan.replace("sim-worker-099")).isInstanceOf(PlanChangeRefusedException.class);
        assertThatThrownBy(() -> plan.replace("other-worker-000")).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessage("\"other-worker-000\" is not a node name of cluster sim");
    }

    @Test
    void replacements_stop_at_the_role_limit() {
        ClusterPlan plan = ClusterPlan.plan(valid("worker.maxReplacements=1"), "sim");
        ClusterPlan replaced = plan.replace("sim-worker-000").plan();

        assertThatThrownBy(() -> replaced.replace("sim-worker-001")).isInstanceOf(PlanChangeRefusedException.class)
                .hasMessage("role worker of cluster sim has replaced 1 failed nodes, its limit (maxReplacements);"
                        + " sim-worker-001 is not replaced");
        assertThat(replaced.role("worker").replacementsLeft()).isZero();
    }

    @Test
    void a_node_name_tells_its_role_and_index_whether_or_not_it_is_a_member() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");

        assertThat(plan.locate("sim-worker-002")).contains(new ClusterPlan.NodeRef("worker", 2));
        assertThat(plan.locate("sim-worker-042")).contains(new ClusterPlan.NodeRef("worker", 42));
        assertThat(plan.locate("sim-worker-2")).as("other padding").isEmpty();
        assertThat(plan.locate("sim-gpu-000")).isEmpty();
        assertThat(plan.locate("simple-worker-000")).isEmpty();
        assertThat(plan.locate("udre-23db7e7f-e824-11f1-b10b-02fc00000001")).isEmpty();
    }

    @Test
    void the_facts_list_the_ready_members_by_role_in_start_order_then_by_index() {
        ClusterPlan plan = ClusterPlan.plan(valid(), "sim");
        Map<String, String> ready = new LinkedHashMap<>();
        ready.put("sim-worker-002", "10.0.0.4");
        ready.put("sim-worker-000", "10.0.0.2");
        ready.put("sim-head-000", "10.0.0.1");

        ClusterFacts facts = plan.facts(ready);

        assertThat(facts.members()).containsExactly(
                new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1"),
                new ClusterFacts.Member("worker", "sim-worker-000", 0, "10.0.0.2"),
                new ClusterFacts.Member("worker", "sim-worker-002", 2, "10.0.0.4"));
        assertThat(facts.parameters()).containsEntry("workers", "3");
        assertThat(plan.role("head").role().scripts().get(0).render(facts, "sim-head-000"))
                .isEqualTo("echo 'sim-head-000' 'sim-worker-000' 'sim-worker-002'");
        assertThatThrownBy(() -> plan.facts(Map.of("sim-worker-007", "10.0.0.9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sim-worker-007");
    }

    @Test
    void a_cluster_name_must_be_a_host_name_short_enough_for_every_node_name() {
        ClusterTemplate template = valid();

        for (String bad : List.of("", "Sim", "sim_1", "-sim", "sim-", "1sim", "sim.x")) {
            assertThatThrownBy(() -> ClusterPlan.plan(template, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + bad + "\"");
        }
        String longName = "s".repeat(53);
        assertThatThrownBy(() -> ClusterPlan.plan(template, longName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node names such as " + longName + "-worker-000 would have 64 characters, and"
                        + " host names may have 63");
        assertThat(ClusterPlan.plan(template, "s".repeat(52)).role("worker").nodeName(0)).hasSize(63);
    }

    @Test
    void a_plan_survives_its_json_form_after_scaling_and_replacements() {
        ClusterPlan plan = ClusterPlan.plan(valid("workers=4", "worker.size.cores=8"), "sim")
                .scale("worker", 9).plan().replace("sim-worker-002").plan().scale("worker", 6).plan();

        ClusterPlan back = ClusterPlan.fromJson(plan.toJson());

        assertThat(back).isEqualTo(plan);
        assertThat(back.role("worker").members()).as("the replacement, index 9, went first").hasToString("0-1,3-6");
        assertThat(back.role("worker").nextIndex()).isEqualTo(10);
    }

    @Test
    void literal_dollar_braces_and_scripts_survive_the_json_form() {
        String text = TemplateTexts.validWith("description: A small cluster.", "description: Costs $${price}.");
        ClusterPlan plan = ClusterPlan.plan(read(text, "workers=2"), "sim");

        ClusterPlan back = ClusterPlan.fromJson(plan.toJson());

        assertThat(back.template().description()).isEqualTo("Costs ${price}.");
        assertThat(back).isEqualTo(plan);
    }

    @Test
    void image_requirements_survive_the_json_form_with_their_literal_dollar_braces() {
        String text = TemplateTexts.validWith("    image: udre-guest:1.0\n    size:\n      cores: 2",
                "    image: {applications: [{name: \"odd$${x}\"}], minCores: 2}\n    size:\n      cores: 2");
        ClusterPlan plan = ClusterPlan.plan(TemplateReader.read(new TemplateSource("sim.yaml", text), List.of(),
                ImageLookup.any()), "sim");

        ClusterPlan back = ClusterPlan.fromJson(plan.toJson());

        assertThat(back.role("worker").role().image())
                .isEqualTo(new ImageChoice.Matching("{\"applications\":[{\"name\":\"odd${x}\"}],\"minCores\":2}"));
        assertThat(back).isEqualTo(plan);
    }

    @Test
    void a_stored_plan_that_is_not_one_is_refused() {
        assertThatThrownBy(() -> ClusterPlan.fromJson("{\"format\": 2}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a cluster plan of format 1");
        assertThatThrownBy(() -> ClusterPlan.fromJson("nonsense")).isInstanceOf(IllegalArgumentException.class);
        String json = ClusterPlan.plan(valid(), "sim").toJson();
        assertThatThrownBy(() -> ClusterPlan.fromJson(json.replace("\"members\":\"0-2\"", "\"members\":\"0-20\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_plan_of_2500_nodes_is_built_and_stored_compactly() {
        long started = System.nanoTime();
        ClusterTemplate template = valid("workers=2500", "worker.max=2500", "worker.maxBatch=50");
        long read = System.nanoTime();
        ClusterPlan plan = ClusterPlan.plan(template, "big");
        long planned = System.nanoTime();
        List<List<String>> batches = plan.role("worker").batches();
        Set<String> names = new HashSet<>(plan.role("worker").memberNames());
        long named = System.nanoTime();
        ClusterPlan changed = plan.scale("worker", 2400).plan().replace("big-worker-01234").plan();
        String json = changed.toJson();
        ClusterPlan back = ClusterPlan.fromJson(json);
        long stored = System.nanoTime();

        assertThat(plan.nodeCount()).isEqualTo(2501);
        assertThat(batches).hasSize(50).allSatisfy(batch -> assertThat(batch).hasSize(50));
        assertThat(names).hasSize(2500).contains("big-worker-00000", "big-worker-02499");
        assertThat(back).isEqualTo(changed);
        assertThat(back.role("worker").members()).hasToString("0-1233,1235-2399,2500");
        System.out.printf("2,500-node plan: template read %.1f ms, plan %.1f ms, 50 batches and 2,500 names %.1f ms,"
                        + " scale + replace + JSON round trip %.1f ms; stored plan %d bytes%n",
                (read - started) / 1e6, (planned - read) / 1e6, (named - planned) / 1e6, (stored - named) / 1e6,
                json.length());
        assertThat(json.length()).as("no per-node state").isLessThan(4000);
    }

    @Test
    void a_role_of_count_zero_starts_with_no_members_and_may_grow() {
        ClusterPlan plan = ClusterPlan.plan(valid("worker.count=0", "worker.min=0", "worker.minReady=0"), "sim");

        assertThat(plan.role("worker").memberNames()).isEmpty();
        assertThat(plan.role("worker").batches()).isEmpty();
        assertThat(plan.scale("worker", 2).added()).containsExactly("sim-worker-000", "sim-worker-001");
        assertThat(Optional.of(plan.role("worker").quorum())).contains(0);
    }
}
