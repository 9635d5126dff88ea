package org.udre.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.udre.engine.timeline.StepEvent;
import org.udre.engine.timeline.StepTimeline;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Times every step of every process ({@code udre.step}, tagged with the step's id and whether it ended or was cut
 * short), from the same committed events the command line prints: a rolled-back attempt is never counted.
 */
@Component
public class StepMetrics implements DisposableBean {

    static final String STEP = "udre.step";

    private final AutoCloseable subscription;

    public StepMetrics(StepTimeline timeline, MeterRegistry registry) {
        this.subscription = timeline.subscribe(event -> {
            // An end whose start this node did not see (it started before a restart, or on another node) has no
            // duration; counting it as zero would drag every percentile down.
            if (event.kind() != StepEvent.Kind.STARTED && event.took() != null) {
                Timer.builder(STEP)
                        .description("How long each step of a process took, from its start to its end")
                        .tag("step", event.activityId())
                        .tag("outcome", event.kind() == StepEvent.Kind.ENDED ? "ended" : "interrupted")
                        .publishPercentileHistogram()
                        .register(registry)
                        .record(event.took());
            }
        });
    }

    @Override
    public void destroy() throws Exception {
        subscription.close();
    }
}
