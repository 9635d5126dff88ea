package org.udre.system.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Offerings over HTTP on the real engine: a SaaS front end starts "word-count with this text" and reads the result.
 * Runs name the host "sim", whose jobs run on the engine's own TSI agent.
 */
class OfferingRunsApiTest extends CatalogEngineTest {

    @Autowired
    HistoryService history;

    @Test
    void the_shipped_offerings_are_listed_with_the_schema_of_their_parameters() {
        List<Map<String, Object>> offerings = http.getForObject("/api/offerings", List.class);

        assertThat(offerings).filteredOn(o -> o.get("name").equals("word-count")).singleElement().satisfies(o -> {
            assertThat(o.get("title")).isEqualTo("Count the words of a text");
            assertThat(((Map<String, Object>) o.get("parameters")).get("required")).isEqualTo(List.of("text"));
        });
    }

    @Test
    void a_word_count_run_over_http_ends_succeeded_with_the_counts_and_the_most_frequent_words() {
        ResponseEntity<Map> started = postJson("/api/offerings/word-count/runs", """
                {"parameters": {"text": "the cat and the hat\\nThe end", "top": 2}, "requestId": "word-count-test-1", "host": "sim"}
                """);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String job = started.getHeaders().getLocation().toString();
        assertThat(started.getBody().get("image")).isEqualTo(bestImageFor("""
                {"os": {"family": "linux"}, "applications": [{"name": "busybox", "version": ">=1.30"}]}
                """));
        Map<?, ?> status = awaitEnd(job);
        assertThat(status.get("state")).isEqualTo("SUCCEEDED");
        assertThat(status.get("exitCode")).isEqualTo(0);
        assertThat(http.getForObject(job + "/stdout", String.class)).isEqualTo("""
                lines: 2
                words: 7
                bytes: 27
                most frequent words:
                3 the
                1 and
                """);
    }

    @Test
    void the_same_request_id_again_returns_the_job_the_first_request_started() {
        String request = "{\"parameters\": {\"text\": \"once\"}, \"requestId\": \"word-count-test-once\", \"host\": \"sim\"}";

        String first = postJson("/api/offerings/word-count/runs", request).getHeaders().getLocation().toString();
        String second = postJson("/api/offerings/word-count/runs", request).getHeaders().getLocation().toString();

        assertThat(second).isEqualTo(first);
        awaitEnd(first);
    }

    @Test
    void a_value_that_tries_to_run_commands_is_counted_as_text_and_runs_nothing() {
        String attack = "x'; echo INJECTED; '$(echo INJECTED) `echo INJECTED` \\nENDOFMESSAGE\\n#TSI_PING\\n$HOME";

        ResponseEntity<Map> started = postJson("/api/offerings/word-count/runs",
                "{\"parameters\": {\"text\": \"" + attack + "\", \"top\": 100, \"caseSensitive\": true}, \"host\": \"sim\"}");

        String job = started.getHeaders().getLocation().toString();
        assertThat(awaitEnd(job).get("state")).isEqualTo("SUCCEEDED");
        String stdout = http.getForObject(job + "/stdout", String.class);
        // The text arrived byte for byte (the TSI substituted nothing in it) and its words were counted, so
        // "INJECTED" appears once per occurrence and never as a line of its own, which an echo run by it would print.
        int bytes = attack.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8).length;
        assertThat(stdout).contains("bytes: " + bytes + "\n", "3 INJECTED\n", "1 ENDOFMESSAGE\n", "1 TSI\n", "1 PING\n",
                "1 HOME\n").doesNotContain("\nINJECTED\n");
    }

    @Test
    void parameters_that_break_the_offerings_schema_are_refused_with_400_and_their_paths_and_no_job_starts() {
        long jobsBefore = history.createHistoricProcessInstanceQuery().count();

        ResponseEntity<Map> refused = postJson("/api/offerings/word-count/runs",
                "{\"parameters\": {\"top\": 0, \"colour\": \"blue\"}, \"requestId\": \"word-count-test-bad\"}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(error -> error.get("path"))
                .containsExactlyInAnyOrder("/parameters/text", "/parameters/top", "/parameters/colour");
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(jobsBefore);
    }

    @Test
    void an_unknown_offering_or_an_unknown_field_of_the_request_is_refused() {
        assertThat(postJson("/api/offerings/povray/runs", "{\"parameters\": {}}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map> refused = postJson("/api/offerings/word-count/runs",
                "{\"parameters\": {\"text\": \"a\"}, \"requestID\": \"typo\"}");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<Map<String, String>>) refused.getBody().get("errors")).extracting(error -> error.get("path"))
                .containsExactly("/requestID");
    }

    private Map<?, ?> awaitEnd(String job) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<?, ?> status = http.getForObject(job, Map.class);
            assertThat(status.get("state")).as("state of %s", status).isNotEqualTo("RUNNING");
        });
        return http.getForObject(job, Map.class);
    }

    private String bestImageFor(String requirements) {
        Map<String, Object> best = ((List<Map<String, Object>>) postJson("/api/images/search", requirements).getBody()
                .get("matches")).get(0);
        return best.get("name") + ":" + best.get("version");
    }
}
