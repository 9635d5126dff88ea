package org.udre.engine.hosts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.connectors.libvirt.HostCapacity;
import org.udre.engine.UdreProperties;

/**
 * Chooses the host a VM goes to: one that is reachable and has the cores and the free memory, preferring a host that
 * already holds the image (no upload), then the one with the most free memory. Says why, for every host.
 */
@Component
public class Placement {

    private final Hosts hosts;

    public Placement(Hosts hosts) {
        this.hosts = hosts;
    }

    /**
     * @param requested a host the job asked for, or null to let placement choose among all
     * @throws NoHostException when no host can take the VM, with every host's reason
     */
    public Decision place(Image image, int cores, int memoryMiB, String requested) {
        List<UdreProperties.Host> candidates = requested == null || requested.isBlank()
                ? hosts.all() : List.of(hosts.settings(requested));
        List<Candidate> fitting = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (UdreProperties.Host host : candidates) {
            HostCapacity capacity;
            boolean hasImage;
            try {
                capacity = hosts.connection(host.name()).capacity();
                hasImage = hosts.volumes(host.name()).exists(host.pool(), image.disk().volume());
            } catch (RuntimeException e) {
                skipped.add(host.name() + ": unreachable (" + e.getMessage() + ")");
                continue;
            }
            if (capacity.cores() < cores) {
                skipped.add(host.name() + ": " + capacity.cores() + " cores, the VM needs " + cores);
            } else if (capacity.freeMemoryMiB() < memoryMiB) {
                skipped.add(host.name() + ": " + capacity.freeMemoryMiB() + " MiB free, the VM needs " + memoryMiB);
            } else {
                fitting.add(new Candidate(host, capacity, hasImage));
            }
        }
        Candidate best = fitting.stream()
                .min(Comparator.comparing((Candidate c) -> !c.hasImage())
                        .thenComparing(c -> -c.capacity().freeMemoryMiB())
                        .thenComparing(c -> c.host().name()))
                .orElseThrow(() -> new NoHostException(image.ref(), cores, memoryMiB, skipped));
        String reason = best.host().name() + ": " + (best.hasImage() ? "holds image " : "can take image ")
                + image.ref() + ", " + best.capacity().freeMemoryMiB() + " of " + best.capacity().memoryMiB()
                + " MiB free, " + best.capacity().cores() + " cores"
                + (fitting.size() > 1 ? "; chosen among " + fitting.size() + " hosts that fit" : "")
                + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
        return new Decision(best.host(), reason);
    }

    /** The chosen host and why it was chosen (and others were not). */
    public record Decision(UdreProperties.Host host, String reason) {
    }

    private record Candidate(UdreProperties.Host host, HostCapacity capacity, boolean hasImage) {
    }
}
