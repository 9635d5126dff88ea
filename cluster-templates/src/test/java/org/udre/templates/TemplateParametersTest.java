package org.udre.templates;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.udre.templates.TemplateTexts.VALID;
import static org.udre.templates.TemplateTexts.read;
import static org.udre.templates.TemplateTexts.valid;
import static org.udre.templates.TemplateTexts.validWith;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.udre.catalog.ValidationError;

class TemplateParametersTest {

    @Test
    void a_parameter_without_a_value_takes_its_default() {
        assertThat(valid().role("worker").count()).isEqualTo(3);
        assertThat(valid().values()).containsEntry("workers", "3");
    }

    @Test
    void a_parameter_given_at_start_replaces_its_default_wherever_it_is_referred_to() {
        ClusterTemplate template = valid("workers=8");

        assertThat(template.role("worker").count()).isEqualTo(8);
        assertThat(template.values()).containsEntry("workers", "8");
    }

    @Test
    void a_role_field_given_at_start_replaces_what_the_template_wrote() {
        ClusterTemplate template = valid("worker.count=5", "worker.size.cores=4", "worker.readyWithin=PT30M",
                "head.image=udre-guest:1.0", "worker.minReady=60%", "lease=PT1H", "onFailure=keep");

        Role worker = template.role("worker");
        assertThat(worker.count()).isEqualTo(5);
        assertThat(worker.size()).isEqualTo(new Size(4, 512));
        assertThat(worker.readyWithin()).isEqualTo(Duration.ofMinutes(30));
        assertThat(worker.minReady()).isEqualTo(3);
        assertThat(template.lease()).isEqualTo(Duration.ofHours(1));
        assertThat(template.onFailure()).isEqualTo(FailurePolicy.KEEP);
    }

    @Test
    void a_reference_that_is_the_whole_value_takes_the_parameter_type_and_one_inside_text_is_spliced_in() {
        String text = validWith("description: A small cluster.", "description: A cluster of ${workers} workers.")
                .replace("lease: PT2H", "lease: PT${hours}H")
                .replace("parameters:\n", """
                        parameters:
                          hours:
                            type: integer
                            default: 2
                            description: Hours the cluster lives.
                        """);

        ClusterTemplate template = read(text, "hours=5");

        assertThat(template.description()).isEqualTo("A cluster of 3 workers.");
        assertThat(template.lease()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void parameters_of_every_type_are_checked_and_spelt_canonically() {
        String text = VALID.replace("parameters:\n", """
                parameters:
                  quick:
                    type: boolean
                    default: false
                    description: A flag.
                  deadline:
                    type: duration
                    default: PT10M
                    description: A deadline.
                  label:
                    type: string
                    description: A label without default.
                """).replace("readyWithin: PT10M", "readyWithin: ${deadline}");

        ClusterTemplate template = read(text, "workers=007", "deadline=PT20M", "label=it's mine");

        assertThat(template.values()).containsExactly(entry("quick", "false"),
                entry("deadline", "PT20M"), entry("label", "it's mine"),
                entry("workers", "7"));
        assertThat(template.role("worker").readyWithin()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void an_escaped_reference_is_literal_text_and_an_override_value_is_never_read_as_a_reference() {
        String text = validWith("description: A small cluster.", "description: Costs $${price}.")
                .replace("parameters:\n", """
                        parameters:
                          owner:
                            type: string
                            default: nobody
                            description: Who owns it.
                        """);

        ClusterTemplate template = read(text, "owner=${workers}");

        assertThat(template.description()).isEqualTo("Costs ${price}.");
        assertThat(template.values()).containsEntry("owner", "${workers}");
    }

    @Test
    void validation_happens_after_the_parameters_are_applied_so_a_bad_value_is_reported_where_it_lands() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> valid("workers=-2"));

        assertThat(rejected.errors()).extracting(ValidationError::path, ValidationError::message).contains(
                tuple("/roles/worker/count", "must have a minimum value of 0 (found -2)"));
    }

    @Test
    void a_bad_value_set_directly_on_a_field_names_the_override_that_set_it() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> valid("worker.count=50"));

        assertThat(rejected.errors()).containsExactly(new ValidationError("sim.yaml", "/roles/worker/count",
                "must not be above max 10 (found 50) (set by override \"worker.count=50\")"));
    }

    static Stream<Arguments> badOverrides() {
        return Stream.of(
                Arguments.of("nokey", "",
                        "override \"nokey\" must be key=value"),
                Arguments.of("=3", "",
                        "override \"=3\" must be key=value"),
                Arguments.of("wrokers=3", "/parameters/wrokers",
                        "override \"wrokers=3\" names no parameter of this template; parameters: workers; other keys:"
                                + " lease, onFailure, <role>.<field> with role one of head, worker"),
                Arguments.of("workers=many", "/parameters/workers",
                        "override \"workers=many\": parameter workers is of type integer; its value must be a whole"
                                + " number"),
                Arguments.of("workers=3.5", "/parameters/workers", "(found \"3.5\")"),
                Arguments.of("gpu.count=2", "/roles/gpu",
                        "override \"gpu.count=2\" names no role of this template; roles: head, worker"),
                Arguments.of("worker.parents=head", "/roles/worker/parents",
                        "override \"worker.parents=head\" names no field an override may set; fields: count,"),
                Arguments.of("worker.count=lots", "/roles/worker/count",
                        "override \"worker.count=lots\": must be a whole number (found \"lots\")"),
                Arguments.of("worker.minReady=most", "/roles/worker/minReady",
                        "must be a number of nodes or a percentage of count from 0% to 100%, such as 75% (found"
                                + " \"most\") (set by override \"worker.minReady=most\")"),
                Arguments.of("lease=soon", "/lease", "(found \"soon\") (set by override \"lease=soon\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOverrides")
    void an_override_that_cannot_apply_is_rejected_with_a_clear_error(String override, String path, String message) {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> valid(override));

        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void the_same_key_given_twice_is_an_error() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class, () -> valid("workers=3", "workers=4"));

        assertThat(rejected.errors()).containsExactly(new ValidationError("sim.yaml", "",
                "override \"workers=4\" sets workers a second time (first \"workers=3\"); give each key once"));
    }

    @Test
    void a_parameter_with_a_malformed_default_is_reported_once_not_again_where_it_is_used() {
        var rejected = catchThrowableOfType(InvalidTemplateException.class,
                () -> read(validWith("default: 3", "default: three")));

        assertThat(rejected.errors()).containsExactly(new ValidationError("sim.yaml", "/parameters/workers/default",
                "must be of type integer (found string \"three\")"));
    }

    @Test
    void scripts_keep_their_references_for_when_they_run() {
        assertThat(valid("workers=4").role("head").scripts().get(0).run()).isEqualTo("echo {{members}}");
    }
}
