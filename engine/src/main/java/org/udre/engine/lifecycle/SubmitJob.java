package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.JobSubmission;
import org.udre.connectors.tsi.TsiClient;

/** Submits the job's script to the TSI and records the batch system's id for it. */
@Component("submitJob")
class SubmitJob extends LifecycleStep {

    private final ImageCatalog catalog;
    private final TsiClient tsi;

    SubmitJob(ImageCatalog catalog, TsiClient tsi) {
        super("JOB_SUBMISSION_FAILED");
        this.catalog = catalog;
        this.tsi = tsi;
    }

    @Override
    protected void run(JobVariables job) {
        JobTsi target = JobTsi.of(job, catalog);
        String directory = job.string(JOB_DIRECTORY);
        JobSubmission submission = JobSubmission.of(directory, job.optionalString(JOB_NAME).orElse("udre-job"),
                job.string(SCRIPT));
        job.set(BSSID, tsi.submit(target.address(), target.owner(), submission));
    }
}
