package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A template made in code obeys the rules a template read from a file does. */
class TemplateRecordsTest {

    private static final ImageChoice GUEST = new ImageChoice.Named("udre-guest:1.0");
    private static final Size SMALL = new Size(1, 256);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static Role role(String name, List<String> parents) {
        return new Role(name, GUEST, SMALL, 1, parents, 1, FIVE_MINUTES, 16, 1, 1, 3, List.of());
    }

    private static ClusterTemplate template(List<Role> roles) {
        return new ClusterTemplate("sim", "A cluster.", List.of(), Map.of(), Duration.ofHours(1),
                FailurePolicy.TEARDOWN, roles);
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                broken("a quorum above count", () -> new Role("w", GUEST, SMALL, 2, List.of(), 3, FIVE_MINUTES, 16,
                        0, 4, 3, List.of()), "minReady of role w must be 0..2, was 3"),
                broken("a count above max", () -> new Role("w", GUEST, SMALL, 5, List.of(), 1, FIVE_MINUTES, 16,
                        0, 4, 3, List.of()), "count of role w must be 0..4, was 5"),
                broken("min above max", () -> new Role("w", GUEST, SMALL, 2, List.of(), 1, FIVE_MINUTES, 16,
                        5, 4, 3, List.of()), "min of role w must be 0..4, was 5"),
                broken("a batch of zero", () -> new Role("w", GUEST, SMALL, 2, List.of(), 1, FIVE_MINUTES, 0,
                        0, 4, 3, List.of()), "maxBatch of role w must be 1..10000, was 0"),
                broken("a zero deadline", () -> new Role("w", GUEST, SMALL, 2, List.of(), 1, Duration.ZERO, 16,
                        0, 4, 3, List.of()), "readyWithin of role w must be positive, was PT0S"),
                broken("a role name with a dash", () -> role("big-w", List.of()), "\"big-w\""),
                broken("two scripts of one name", () -> new Role("w", GUEST, SMALL, 1, List.of(), 1, FIVE_MINUTES, 16,
                        1, 1, 3, List.of(new Script("a", "true"), new Script("a", "false"))), "two scripts named a"),
                broken("a cycle", () -> template(List.of(role("a", List.of("b")), role("b", List.of("a")))),
                        "roles wait for each other in a cycle: a -> b -> a"),
                broken("an unknown parent", () -> template(List.of(role("a", List.of("c")))),
                        "role a names parent \"c\", which is no role of the template"),
                broken("a role defined twice", () -> template(List.of(role("a", List.of()), role("a", List.of()))),
                        "role a is defined twice"),
                broken("no roles", () -> template(List.of()), "needs at least one role"),
                broken("a parameter without a value", () -> new ClusterTemplate("sim", "A cluster.",
                        List.of(new Parameter("n", ParameterType.INTEGER, Optional.empty(), "N.")), Map.of(),
                        Duration.ofHours(1), FailurePolicy.TEARDOWN, List.of(role("a", List.of()))),
                        "parameter n has no value"),
                broken("a parameter value not of its type", () -> new ClusterTemplate("sim", "A cluster.",
                        List.of(new Parameter("n", ParameterType.INTEGER, Optional.empty(), "N.")), Map.of("n", "x"),
                        Duration.ofHours(1), FailurePolicy.TEARDOWN, List.of(role("a", List.of()))),
                        "must be a whole number"),
                broken("a script referring to nothing known", () -> template(List.of(new Role("a", GUEST, SMALL, 1,
                        List.of(), 1, FIVE_MINUTES, 16, 1, 1, 3, List.of(new Script("s", "echo {{nothing}}"))))),
                        "refers to {{nothing}}"),
                broken("a script with a placeholder inside quotes", () -> new Script("s", "echo '{{members}}'"),
                        "placeholder {{members}} on line 1 stands inside single quotes"),
                broken("a zero lease", () -> new ClusterTemplate("sim", "A cluster.", List.of(), Map.of(),
                        Duration.ZERO, FailurePolicy.TEARDOWN, List.of(role("a", List.of()))),
                        "lease must be positive"),
                broken("image requirements that require nothing", () -> new ImageChoice.Matching("{}"),
                        "must be a JSON object that requires something"),
                broken("image requirements that are not JSON", () -> new ImageChoice.Matching("{applications"),
                        "are not JSON"));
    }

    private static Arguments broken(String what, Supplier<Object> make, String message) {
        return Arguments.of(what, make, message);
    }

    @ParameterizedTest(name = "{0} cannot be made")
    @MethodSource("broken")
    void a_value_that_breaks_a_rule_cannot_be_made_and_the_message_quotes_it(String what, Supplier<Object> make,
            String message) {
        assertThatThrownBy(make::get).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
