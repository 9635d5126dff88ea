package org.udre.engine.lifecycle;

import java.time.Duration;

import org.springframework.stereotype.Component;
import org.udre.connectors.tsi.Backoff;
import org.udre.engine.UdreProperties;

/**
 * The retry cycles and poll interval the BPMN reads ({@code ${stepRetries.cycle}}), so a site tunes them in its
 * configuration file rather than by editing the process.
 */
@Component("stepRetries")
public class StepRetries {

    private final UdreProperties.Lifecycle settings;

    public StepRetries(UdreProperties properties) {
        this.settings = properties.lifecycle();
    }

    public String getCycle() {
        return settings.retryCycle();
    }

    public String getTeardownCycle() {
        return settings.teardownRetryCycle();
    }

    public String getJobPollInterval() {
        return settings.jobPollInterval().toString();
    }

    /** How TSI readiness checks back off: doubling from the initial delay up to the maximum, within the deadline. */
    public Backoff tsiBackoff(Duration deadline) {
        return new Backoff(settings.tsiBackoffInitial(), 2.0, settings.tsiBackoffMax(), deadline);
    }
}
