package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.Backoff;
import org.udre.connectors.tsi.Readiness;
import org.udre.connectors.tsi.TsiClient;
import org.udre.engine.tsi.TsiEndpoint;
import org.udre.engine.tsi.TsiEndpoints;

/**
 * One readiness check of the VM's TSI. Records whether it is ready and, if not, why not and how long to back off;
 * the waiting and the deadline are drawn in the process. A TSI older than the image allows will not get younger:
 * that fails at once.
 */
@Component("checkTsi")
class CheckTsi extends LifecycleStep {

    private final ImageCatalog catalog;
    private final TsiEndpoints endpoints;
    private final TsiClient tsi;
    private final StepRetries retries;

    CheckTsi(ImageCatalog catalog, TsiEndpoints endpoints, TsiClient tsi, StepRetries retries) {
        super("TSI_NOT_READY");
        this.catalog = catalog;
        this.endpoints = endpoints;
        this.tsi = tsi;
        this.retries = retries;
    }

    @Override
    protected void run(JobVariables job) {
        Image image = catalog.pinned(job.string(IMAGE));
        int checks = job.intOr(TSI_CHECKS, 0) + 1;
        job.set(TSI_CHECKS, checks);
        Instant now = Instant.now();
        Instant firstCheck = job.optionalString(TSI_FIRST_CHECK).map(Instant::parse).orElse(now);
        job.set(TSI_FIRST_CHECK, firstCheck.toString());
        // Past the deadline the process's own deadline timer ends the wait; until it fires, keep the longest delay.
        Backoff backoff = retries.tsiBackoff(image.tsi().readyWithin());
        job.set(TSI_CHECK_DELAY, backoff.nextDelay(checks, Duration.between(firstCheck, now))
                .orElse(backoff.max()).toString());

        Optional<TsiEndpoint> endpoint = endpoints.resolve(job.string(HOST_NAME), job.string(VM_NAME), image);
        if (endpoint.isEmpty()) {
            job.set(TSI_READY, false);
            job.set(TSI_READINESS, "the VM has no network address yet");
            return;
        }
        Readiness readiness = tsi.checkReadiness(endpoint.get().address(), image.tsi().minimumVersion());
        job.set(TSI_ADDRESS, endpoint.get().address().toString());
        job.set(TSI_WORKSPACE, endpoint.get().workspace());
        job.set(TSI_READY, readiness.ready());
        job.set(TSI_READINESS, readiness.status() + ": " + readiness.detail());
        if (readiness.ready()) {
            job.set(TSI_VERSION, readiness.version());
        } else if (readiness.status() == Readiness.Status.TOO_OLD) {
            throw new StepFailure("TSI_TOO_OLD", "the TSI at " + endpoint.get().address() + " is version "
                    + readiness.version() + ", older than the " + image.tsi().minimumVersion() + " image "
                    + image.ref() + " needs");
        }
    }
}
