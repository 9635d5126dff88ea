package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.catalog.ImageCatalog;
import org.udre.connectors.libvirt.DirectBoot;
import org.udre.connectors.libvirt.DomainSpec;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Installation;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.Reconciler;
import org.udre.engine.ledger.LedgerEntry.Kind;

/**
 * Defines the VM's domain (or adopts the one an earlier attempt defined) and starts it: booting the image's kernel
 * directly when its metadata says so, with the seed provisioning made, and the serial console in a file where the
 * host keeps console logs (the first place to look when a guest never became ready).
 */
@Component("bootVm")
class BootVm extends LifecycleStep {

    private final ImageCatalog catalog;
    private final Hosts hosts;
    private final Ledger ledger;
    private final Installation installation;

    BootVm(ImageCatalog catalog, Hosts hosts, Ledger ledger, Installation installation) {
        super("BOOT_FAILED");
        this.catalog = catalog;
        this.hosts = hosts;
        this.ledger = ledger;
        this.installation = installation;
    }

    @Override
    protected void run(JobVariables job) {
        Image image = catalog.pinned(job.string(IMAGE));
        UdreProperties.Host host = hosts.settings(job.string(HOST_NAME));
        String vmName = job.string(VM_NAME);
        DomainSpec spec = spec(job, image, host, vmName);

        VirtualMachines vms = hosts.virtualMachines(host.name());
        ledger.make(host.name(), Kind.DOMAIN, vmName, null, job.processInstanceId(), () -> {
            vms.define(spec);
            vms.start(vmName);
        });
        job.set(TSI_READINESS, "the VM was started; its TSI has not been checked yet");
    }

    private DomainSpec spec(JobVariables job, Image image, UdreProperties.Host host, String vmName) {
        DomainSpec spec = new DomainSpec(vmName, hosts.domainType(host.name()),
                job.intOr(CORES, image.resources().cores()),
                job.intOr(MEMORY_MIB, image.resources().memoryMiB()),
                host.pool(), job.string(VOLUME_NAME), host.network(),
                // Written into the domain, so that whoever finds it on the host can tell whose it is.
                Map.of(Reconciler.OWNER_KEY, job.processInstanceId(), Reconciler.INSTALLATION_KEY, installation.id(),
                        "image", image.ref()));
        if (image.directBoot().isPresent()) {
            Image.Boot boot = image.directBoot().get();
            spec = spec.withDirectBoot(new DirectBoot(boot.kernel(), boot.initrd(), boot.cmdline()));
        }
        if (host.consoleLogDirectory() != null) {
            Path consoleLog = host.consoleLogDirectory().resolve(vmName + ".console.log");
            spec = spec.withConsoleLog(consoleLog);
            job.set(CONSOLE_LOG, consoleLog.toString());
        }
        return spec.withSeedVolume(job.optionalString(SEED_NAME).orElse(null));
    }
}
