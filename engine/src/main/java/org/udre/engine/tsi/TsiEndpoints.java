package org.udre.engine.tsi;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;

/**
 * Finds the TSI that serves a VM, as each host's {@code tsi} setting says: from libvirt (the guest's address and the
 * image's TSI port), the engine's local TSI agent, or one fixed TSI address.
 */
@Component
public class TsiEndpoints {

    private final Hosts hosts;
    private final LocalTsi localTsi;

    public TsiEndpoints(Hosts hosts, LocalTsi localTsi) {
        this.hosts = hosts;
        this.localTsi = localTsi;
    }

    /** The VM's TSI, or empty while the VM has no address yet. */
    public Optional<TsiEndpoint> resolve(String hostName, String vmName, Image image) {
        UdreProperties.Host host = hosts.settings(hostName);
        return switch (host.tsi()) {
            case "local" -> Optional.of(localTsi.endpoint());
            case "libvirt" -> hosts.virtualMachines(hostName).addresses(vmName).stream()
                    .findFirst()
                    .map(ip -> new TsiEndpoint(new TsiAddress(ip, image.tsi().port()), image.tsi().workspace()));
            default -> Optional.of(new TsiEndpoint(TsiAddress.parse(host.tsi()), image.tsi().workspace()));
        };
    }
}
