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
                inSubshell(job.string(SCRIPT)));
        job.set(BSSID, tsi.submit(target.address(), target.owner(), submission));
    }

    /**
     * The TSI's job file records the exit status of the line before it; a script that leaves with {@code exit} (or
     * under {@code set -e}) would end the job file before that line and leave no exit code. In a subshell of its own
     * the script can end as it likes and its status is still recorded.
     */
    static String inSubshell(String script) {
        return "(\n" + script + "\n)";
    }
}
