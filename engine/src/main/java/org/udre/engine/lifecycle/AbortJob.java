package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.TsiClient;
import org.udre.connectors.tsi.TsiFailedException;

/**
 * Aborts the job through its TSI when one was submitted (a job that already ended counts as aborted). Whatever
 * happens, cancellation goes on to teardown: the abort's result is recorded, never a reason to stop.
 */
@Component("abortJob")
class AbortJob implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(AbortJob.class);

    private final ImageCatalog catalog;
    private final TsiClient tsi;

    AbortJob(ImageCatalog catalog, TsiClient tsi) {
        this.catalog = catalog;
        this.tsi = tsi;
    }

    @Override
    public void execute(DelegateExecution execution) {
        JobVariables job = new JobVariables(execution);
        if (job.optionalString(BSSID).isEmpty() || job.optionalString(TSI_ADDRESS).isEmpty()) {
            job.set(ABORT_RESULT, "no job had been submitted");
            return;
        }
        JobTsi target = JobTsi.of(job, catalog);
        String bssid = job.string(BSSID);
        try {
            tsi.abort(target.address(), target.owner(), bssid);
            job.set(ABORT_RESULT, "job " + bssid + " aborted");
        } catch (TsiFailedException e) {
            job.set(ABORT_RESULT, "the TSI refused to abort job " + bssid + ": " + e.reason());
        } catch (RuntimeException e) {
            if (!Attempts.isLast()) {
                throw e;
            }
            log.warn("Could not abort job {} of instance {}; teardown goes on: {}", bssid, job.processInstanceId(),
                    Failures.describe(e));
            job.set(ABORT_RESULT, "abort failed: " + Failures.describe(e));
        }
    }
}
