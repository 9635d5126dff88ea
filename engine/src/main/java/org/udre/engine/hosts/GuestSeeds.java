package org.udre.engine.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.connectors.libvirt.GuestContext;
import org.udre.engine.UdreProperties;

/**
 * Tells a real guest what its TSI needs, through a cloud-init NoCloud seed: a small ISO volume beside the VM's disk,
 * attached as a CD-ROM. It says where the engine is (the one address the TSI accepts and calls back to), the TSI's
 * port and workspace from the image, which further addresses may connect, and the local account the job's owner
 * maps to, which the guest creates if missing.
 *
 * <p>Only real hosts get seeds: a simulated host runs no guest that could read one, and libvirt's test driver cannot
 * receive the upload.
 */
@Component
public class GuestSeeds {

    private static final Logger log = LoggerFactory.getLogger(GuestSeeds.class);
    private static final String ROOT = "root";

    private final Hosts hosts;
    private final Path workDirectory;

    public GuestSeeds(Hosts hosts, UdreProperties properties) {
        this.hosts = hosts;
        this.workDirectory = properties.home().resolve("seeds");
    }

    /** Whether VMs on this host get a seed. */
    public boolean needed(String hostName) {
        return !hosts.isSimulated(hostName);
    }

    /**
     * The engine's address as the host's guests see it: the configured one, else the host's own address on the VMs'
     * network, which is right when the engine runs on that host.
     */
    public String engineAddress(String hostName) {
        UdreProperties.Host host = hosts.settings(hostName);
        if (host.engineAddress() != null) {
            return host.engineAddress();
        }
        if (host.network() == null) {
            throw new IllegalStateException("host " + hostName + " has neither a network nor an engine-address: its"
                    + " guests could not reach the engine; set udre.hosts[" + hostName + "].network or engine-address");
        }
        return hosts.connection(hostName).networkGateway(host.network());
    }

    /**
     * Writes the seed of VM {@code vmName} and uploads it into the host's pool as {@code seedVolume}. Safe to repeat:
     * the same VM on the same host gives the same bytes, and the same bytes again adopt the uploaded volume.
     *
     * @param owner the user the job runs as on the TSI; created in the guest unless it is root
     */
    public void upload(String hostName, String vmName, String seedVolume, Image image, String owner) {
        UdreProperties.Host host = hosts.settings(hostName);
        List<String> users = owner == null || owner.equals(ROOT) ? List.of() : List.of(owner);
        GuestContext context = new GuestContext(vmName, vmName, engineAddress(hostName), image.tsi().port(),
                host.allowedAddresses(), users, image.tsi().workspace());
        Path iso = context.seed().writeIso(workDirectory.resolve(seedVolume));
        try {
            hosts.volumes(hostName).upload(host.pool(), seedVolume, iso, "iso");
        } finally {
            delete(iso);
        }
    }

    /**
     * The local copy is only the way into the pool; the volume is what the guest reads. A copy that cannot be deleted
     * is a stray file under udre.home, not a reason to fail the VM (nor to hide why the upload failed).
     */
    private static void delete(Path iso) {
        try {
            Files.deleteIfExists(iso);
        } catch (IOException e) {
            log.warn("Cannot delete the local seed file {}: {}", iso, e.toString());
        }
    }
}
