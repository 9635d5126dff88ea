package org.udre.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.Jobs;

/** Operators see what the engine does and holds as metrics, in Prometheus's format among others. */
@SystemTest
@AutoConfigureObservability(tracing = false) // Spring Boot's tests leave metrics export off unless asked

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MetricsTest {

    @DynamicPropertySource
    static void silentTsi(DynamicPropertyRegistry registry) {
        SilentTsi.register(registry);
    }

    @Autowired
    ProcessEngine engine;
    @Autowired
    Jobs jobs;
    @Autowired
    Hosts hosts;
    @Autowired
    TestRestTemplate http;

    JobProbe probe;

    @BeforeEach
    void setUp() {
        probe = new JobProbe(jobs, engine, hosts);
    }

    @Test
    void every_step_of_a_finished_job_is_timed_and_what_it_made_is_counted_as_gone_from_the_ledger() {
        String before = scrape();
        ProcessInstance instance = probe.start(JobProbe.onSim("echo measured"));
        assertThat(probe.awaitEnd(instance).state()).isEqualTo("SUCCEEDED");

        String after = scrape();

        for (String step : new String[] {"ProvisionImage", "BootVm", "WaitForTsi", "RunJob", "Teardown"}) {
            Map<String, String> tags = Map.of("step", step, "outcome", "ended");
            assertThat(value(after, "udre_step_seconds_count", tags).orElseThrow())
                    .as("runs of step %s", step)
                    .isEqualTo(value(before, "udre_step_seconds_count", tags).orElse(0) + 1);
            assertThat(value(after, "udre_step_seconds_sum", tags).orElseThrow()).isPositive();
        }
        // The ledger's counts are read at most once a second, so a scrape just after another may show the older ones.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String later = scrape();
            assertThat(value(later, "udre_ledger_resources", Map.of("kind", "domain", "state", "gone")).orElseThrow())
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(later, "udre_ledger_resources", Map.of("kind", "volume", "state", "gone")).orElseThrow())
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void running_jobs_incidents_and_clusters_by_state_are_gauges_even_when_there_are_none() {
        String metrics = scrape();

        assertThat(value(metrics, "udre_jobs_active", Map.of())).isPresent();
        assertThat(value(metrics, "udre_incidents", Map.of())).isPresent();
        assertThat(value(metrics, "udre_clusters", Map.of("state", "running"))).isPresent();
        assertThat(value(metrics, "udre_clusters", Map.of("state", "failed"))).isPresent();
        assertThat(value(metrics, "udre_ledger_resources", Map.of("kind", "seed", "state", "planned"))).isPresent();
    }

    @Test
    void the_engine_reports_itself_healthy() {
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    private String scrape() {
        ResponseEntity<String> response = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The value of the sample {@code name} whose labels include every one of {@code tags}. */
    private static OptionalDouble value(String exposition, String name, Map<String, String> tags) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{(.*)})? (\\S+)$", Pattern.MULTILINE);
        var matcher = sample.matcher(exposition);
        while (matcher.find()) {
            String labels = matcher.group(2) == null ? "" : matcher.group(2);
            boolean all = tags.entrySet().stream()
                    .allMatch(tag -> labels.contains(tag.getKey() + "=\"" + tag.getValue() + "\""));
            if (all) {
                return OptionalDouble.of(Double.parseDouble(matcher.group(3)));
            }
        }
        return OptionalDouble.empty();
    }
}
