package org.udre.engine.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.udre.engine.cluster.ClusterState;
import org.udre.engine.ledger.LedgerEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What this site holds right now, as gauges an operator can alert on: resources in the ledger by kind and state
 * ({@code udre.ledger.resources}; PLANNED or RETIRING for long means a host is not answering), clusters by state
 * ({@code udre.clusters}), running jobs ({@code udre.jobs.active}) and open incidents ({@code udre.incidents}).
 *
 * <p>The counts come from the database, so every engine node reports the whole site. They are read with one query
 * per table and kept for a second, so that a scrape of every gauge costs three queries, not one per gauge.
 */
@Component
public class InventoryMetrics implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private Counts counts = new Counts(Instant.MIN, Map.of(), Map.of());

    public InventoryMetrics(JdbcTemplate jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (LedgerEntry.Kind kind : LedgerEntry.Kind.values()) {
            for (LedgerEntry.State state : LedgerEntry.State.values()) {
                String key = kind + "/" + state;
                Gauge.builder("udre.ledger.resources", () -> counts().ledger().getOrDefault(key, 0L))
                        .description("Domains, volumes and seeds in the resource ledger")
                        .tag("kind", kind.name().toLowerCase())
                        .tag("state", state.name().toLowerCase())
                        .register(registry);
            }
        }
        for (ClusterState state : ClusterState.values()) {
            Gauge.builder("udre.clusters", () -> counts().clusters().getOrDefault(state.name(), 0L))
                    .description("Clusters by state")
                    .tag("state", state.name().toLowerCase())
                    .register(registry);
        }
        Gauge.builder("udre.jobs.active", () -> runtime.createProcessInstanceQuery()
                        .processDefinitionKey("run-job-in-vm").active().count())
                .description("Jobs whose run-job-in-vm process is running")
                .register(registry);
        Gauge.builder("udre.incidents", () -> runtime.createIncidentQuery().count())
                .description("Open incidents of every process: steps that need an operator")
                .register(registry);
    }

    private synchronized Counts counts() {
        Instant now = Instant.now();
        if (counts.readAt().plus(FRESH_FOR).isBefore(now)) {
            counts = new Counts(now, grouped("select kind || '/' || state, count(*) from ledger_resource"
                    + " group by kind, state"), grouped("select state, count(*) from cluster group by state"));
        }
        return counts;
    }

    private Map<String, Long> grouped(String sql) {
        Map<String, Long> byKey = new HashMap<>();
        jdbc.query(sql, row -> {
            byKey.put(row.getString(1), row.getLong(2));
        });
        return byKey;
    }

    private record Counts(Instant readAt, Map<String, Long> ledger, Map<String, Long> clusters) {
    }
}
