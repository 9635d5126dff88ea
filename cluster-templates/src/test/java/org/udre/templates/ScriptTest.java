package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptTest {

    private static final ClusterFacts FACTS = new ClusterFacts("sim", Map.of("workers", "2", "motto", "it's ok"),
            List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1"),
                    new ClusterFacts.Member("worker", "sim-worker-000", 0, "10.0.0.2"),
                    new ClusterFacts.Member("worker", "sim-worker-003", 3, "10.0.0.5")));

    @ParameterizedTest(name = "{0} on sim-worker-003 is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cluster.name         | sim
            members              | sim-head-000 sim-worker-000 sim-worker-003
            addresses            | 10.0.0.1 10.0.0.2 10.0.0.5
            role.worker.members  | sim-worker-000 sim-worker-003
            role.worker.addresses| 10.0.0.2 10.0.0.5
            role.head.members    | sim-head-000
            node.name            | sim-worker-003
            node.index           | 3
            node.role            | worker
            node.address         | 10.0.0.5
            workers              | 2
            motto                | 'it'"'"'s ok'
            """)
    void each_fact_and_parameter_is_replaced_by_its_shell_quoted_value(String name, String rendered) {
        Script script = new Script("show", "echo ${" + name + "}");

        assertThat(script.render(FACTS, "sim-worker-003")).isEqualTo("echo " + rendered);
    }

    @Test
    void a_role_without_ready_members_renders_as_nothing() {
        ClusterFacts headOnly = new ClusterFacts("sim", Map.of(),
                List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1")));

        assertThat(new Script("show", "for w in ${role.worker.members}; do :; done").render(headOnly, "sim-head-000"))
                .isEqualTo("for w in ; do :; done");
    }

    @Test
    void an_escaped_reference_reaches_the_shell_as_its_own_and_dollars_alone_are_left_alone() {
        Script script = new Script("show", "echo $${HOME} $$ $1 ${node.name}");

        assertThat(script.render(FACTS, "sim-head-000")).isEqualTo("echo ${HOME} $$ $1 sim-head-000");
    }

    @Test
    void values_that_would_mean_something_to_the_shell_arrive_as_plain_text() {
        ClusterFacts hostile = new ClusterFacts("sim", Map.of("motto", "$(rm -rf /); `id` \"x\" \\ *"),
                List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "fe80::1%eth0")));

        assertThat(new Script("show", "printf '%s\\n' ${motto} ${node.address}").render(hostile, "sim-head-000"))
                .isEqualTo("printf '%s\\n' '$(rm -rf /); `id` \"x\" \\ *' fe80::1%eth0");
    }

    @Test
    void an_empty_value_is_an_empty_word_not_nothing() {
        ClusterFacts facts = new ClusterFacts("sim", Map.of("label", ""),
                List.of(new ClusterFacts.Member("head", "sim-head-000", 0, "10.0.0.1")));

        assertThat(new Script("show", "test -z ${label}").render(facts, "sim-head-000")).isEqualTo("test -z ''");
    }

    @Test
    void a_script_renders_only_for_a_member_the_facts_list() {
        assertThatThrownBy(() -> new Script("show", "hostname").render(FACTS, "sim-worker-001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node \"sim-worker-001\" is not among the members");
    }

    @Test
    void references_lists_the_names_a_script_uses() {
        assertThat(new Script("show", "a ${members} b $${x} ${node.name} ${members}").references())
                .containsExactly("members", "node.name", "members");
    }

    @Test
    void a_script_with_an_unclosed_reference_cannot_be_made() {
        assertThatThrownBy(() -> new Script("show", "echo ${members"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a closing \"}\"");
    }
}
