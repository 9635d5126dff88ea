package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.JobState;
import org.udre.connectors.tsi.TsiClient;

/**
 * One look at the job's state. A TSI lists a job while it is queued or running; a finished job is either listed as
 * completed or, as on a TSI without batch system, no longer listed at all.
 */
@Component("checkJob")
class CheckJob extends LifecycleStep {

    private final ImageCatalog catalog;
    private final TsiClient tsi;

    CheckJob(ImageCatalog catalog, TsiClient tsi) {
        super("JOB_LOST");
        this.catalog = catalog;
        this.tsi = tsi;
    }

    @Override
    protected void run(JobVariables job) {
        JobTsi target = JobTsi.of(job, catalog);
        JobState state = tsi.statusListing(target.address(), target.owner()).get(job.string(BSSID));
        boolean finished = state == null || state == JobState.COMPLETED;
        job.set(JOB_STATE, state == null ? "GONE" : state.name());
        job.set(JOB_FINISHED, finished);
    }
}
