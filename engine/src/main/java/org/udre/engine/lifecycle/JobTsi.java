package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.udre.catalog.ImageCatalog;
import org.udre.connectors.tsi.Identity;
import org.udre.connectors.tsi.TsiAddress;

/** The TSI a job talks to and whom it acts for, as the instance recorded them. */
record JobTsi(TsiAddress address, Identity owner) {

    static JobTsi of(JobVariables job, ImageCatalog catalog) {
        String owner = job.optionalString(OWNER)
                .orElseGet(() -> catalog.pinned(job.string(IMAGE)).tsi().user());
        return new JobTsi(TsiAddress.parse(job.string(TSI_ADDRESS)), Identity.of(owner));
    }
}
