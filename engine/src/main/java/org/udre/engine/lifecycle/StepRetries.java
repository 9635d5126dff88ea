package org.udre.engine.lifecycle;

import java.time.Duration;

import org.springframework.stereotype.Component;
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

    /** Delay before the next TSI readiness check after {@code checks} checks: doubles from the initial delay, capped. */
    public Duration tsiCheckDelay(int checks) {
        Duration delay = settings.tsiBackoffInitial();
        for (int i = 1; i < checks && delay.compareTo(settings.tsiBackoffMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.tsiBackoffMax()) > 0 ? settings.tsiBackoffMax() : delay;
    }
}
