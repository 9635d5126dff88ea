package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.BaseVolumes;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry.Kind;

/** Chooses the host and creates the VM's copy-on-write volume over the image's base volume. */
@Component("provisionImage")
class ProvisionImage extends LifecycleStep {

    private static final long GIB = 1024L * 1024 * 1024;

    private final ImageCatalog catalog;
    private final Hosts hosts;
    private final BaseVolumes baseVolumes;
    private final Ledger ledger;

    ProvisionImage(ImageCatalog catalog, Hosts hosts, BaseVolumes baseVolumes, Ledger ledger) {
        super("PROVISIONING_FAILED");
        this.catalog = catalog;
        this.hosts = hosts;
        this.baseVolumes = baseVolumes;
        this.ledger = ledger;
    }

    @Override
    protected void run(JobVariables job) {
        Image image = catalog.require(job.string(IMAGE));
        UdreProperties.Host host = hosts.choose(job.optionalString(HOST).orElse(null));
        VmNames names = VmNames.of(job.processInstanceId());
        // Recorded before anything is made, so every later step and teardown know where to look.
        job.set(HOST_NAME, host.name());
        job.set(VM_NAME, names.domain());
        job.set(VOLUME_NAME, names.volume());
        job.set(TSI_READY_WITHIN, image.tsi().readyWithin().toString());

        baseVolumes.ensure(host.name(), image);
        ledger.make(host.name(), Kind.VOLUME, names.volume(), host.pool(), job.processInstanceId(),
                () -> hosts.volumes(host.name()).createOverlay(host.pool(), names.volume(), image.disk().volume(),
                        image.resources().diskGiB() * GIB));
    }
}
