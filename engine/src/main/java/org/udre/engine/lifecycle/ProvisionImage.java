package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.BaseVolumes;
import org.udre.engine.hosts.GuestSeeds;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.hosts.Placement;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry.Kind;

/**
 * Places the VM on a host, makes sure the host holds the image's volumes, and creates the VM's copy-on-write volume
 * over the image's base volume and, on a real host, its cloud-init seed. A retry after a crash may place it
 * elsewhere; what the first attempt made is in the ledger, which teardown and the reconciler follow.
 */
@Component("provisionImage")
class ProvisionImage extends LifecycleStep {

    private static final long GIB = 1024L * 1024 * 1024;

    private final ImageCatalog catalog;
    private final Hosts hosts;
    private final BaseVolumes baseVolumes;
    private final Ledger ledger;
    private final Placement placement;
    private final GuestSeeds seeds;

    ProvisionImage(ImageCatalog catalog, Hosts hosts, BaseVolumes baseVolumes, Ledger ledger, Placement placement,
                   GuestSeeds seeds) {
        super("PROVISIONING_FAILED");
        this.catalog = catalog;
        this.hosts = hosts;
        this.baseVolumes = baseVolumes;
        this.ledger = ledger;
        this.placement = placement;
        this.seeds = seeds;
    }

    @Override
    protected void run(JobVariables job) {
        Image image = catalog.pinned(job.string(IMAGE));
        Placement.Decision placed = placement.place(image, job.intOr(CORES, image.resources().cores()),
                job.intOr(MEMORY_MIB, image.resources().memoryMiB()), job.optionalString(HOST).orElse(null));
        UdreProperties.Host host = placed.host();
        VmNames names = job.optionalString(VM_NAME).map(VmNames::named)
                .orElseGet(() -> VmNames.of(job.processInstanceId()));
        job.set(PLACEMENT, placed.reason());
        job.set(HOST_NAME, host.name());
        job.set(VM_NAME, names.domain());
        job.set(VOLUME_NAME, names.volume());
        job.set(TSI_READY_WITHIN, image.tsi().readyWithin().toString());

        baseVolumes.ensure(host.name(), image);
        if (seeds.needed(host.name())) {
            String owner = job.optionalString(OWNER).orElseGet(() -> image.tsi().user());
            job.set(SEED_NAME, names.seed());
            ledger.make(host.name(), Kind.SEED, names.seed(), host.pool(), job.processInstanceId(),
                    () -> seeds.upload(host.name(), names.domain(), names.seed(), image, owner));
        }
        ledger.make(host.name(), Kind.VOLUME, names.volume(), host.pool(), job.processInstanceId(),
                () -> hosts.volumes(host.name()).createOverlay(host.pool(), names.volume(), image.disk().volume(),
                        image.resources().diskGiB() * GIB));
    }
}
