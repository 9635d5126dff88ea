package org.udre.engine.offerings;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.udre.catalog.Image;
import org.udre.catalog.ImageStore;
import org.udre.catalog.InvalidDocumentException;
import org.udre.catalog.offerings.Offering;
import org.udre.catalog.offerings.Offerings;
import org.udre.catalog.offerings.UnknownOfferingException;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.Jobs;

/** Starts runs of offerings: "offering X with parameters P" becomes a job in a VM of the best matching image. */
@Service
public class OfferingRuns {

    private final Offerings offerings;
    private final ImageStore images;
    private final Jobs jobs;

    public OfferingRuns(Offerings offerings, ImageStore images, Jobs jobs) {
        this.offerings = offerings;
        this.images = images;
        this.jobs = jobs;
    }

    /**
     * Checks the parameters, takes the best available image for the offering (pinned by name:version, so the job
     * keeps it even when a newer one is published meanwhile), renders the script and starts the job.
     *
     * @param requestId the caller's id for this request, used for idempotency: the same id again returns the job
     *                  the first request started
     * @param host      the configured host to run on; null: the first one
     * @return the job's id
     * @throws UnknownOfferingException     naming the offerings that exist
     * @throws InvalidDocumentException     with every error of the parameters at its path under /parameters
     * @throws NoImageForOfferingException  with why each image version does not qualify
     */
    public String start(String offeringName, JsonNode parameters, String requestId, String host) {
        Offering offering = offerings.require(offeringName);
        Offering.PreparedRun run = offering.prepare(parameters);
        Image image = images.search(offering.image(), false).best().orElseThrow(() ->
                new NoImageForOfferingException(offering.name(), images.search(offering.image(), true)));
        return jobs.start(new JobRequest(image.ref(), run.script(), null, offering.name(), offering.cores(),
                offering.memoryMiB(), host, requestId));
    }
}
