package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.springframework.stereotype.Component;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.TsiClient;

/** Makes the job's directory on the TSI's side; making it again on a retry is harmless. */
@Component("prepareJobDirectory")
class PrepareJobDirectory extends LifecycleStep {

    private final ImageCatalog catalog;
    private final TsiClient tsi;

    PrepareJobDirectory(ImageCatalog catalog, TsiClient tsi) {
        super("JOB_SUBMISSION_FAILED");
        this.catalog = catalog;
        this.tsi = tsi;
    }

    @Override
    protected void run(JobVariables job) {
        JobTsi target = JobTsi.of(job, catalog);
        String directory = job.string(TSI_WORKSPACE) + "/" + job.processInstanceId();
        tsi.executeScript(target.address(), target.owner(), "/bin/mkdir -p '" + directory + "'");
        job.set(JOB_DIRECTORY, directory);
    }
}
