package org.udre.connectors.libvirt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.udre.connectors.tsi.Readiness;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.connectors.tsi.TsiClient;

/**
 * One real guest of udre-guest 1.0 as the engine will make it: an overlay over the image's base volume, a NoCloud
 * seed uploaded as a volume, a domain booting the image's kernel directly with its serial console in a log file;
 * then its address from the DHCP leases and its TSI's readiness; and a teardown that removes all of it.
 */
final class RealGuest {

    static final String BASE = "udre-guest-1.0.qcow2";
    static final String BASE_WITHOUT_AGENT = "udre-guest-noagent-1.0.qcow2";
    static final DirectBoot BOOT = new DirectBoot("udre-guest-1.0.vmlinuz", "udre-guest-1.0.initrd",
            "console=ttyS0 quiet");
    static final int TSI_PORT = 4433;
    private static final Path LOGS = Path.of("/var/log/udre");
    private static final long DISK_BYTES = 1L << 30;

    final String name;
    private final LibvirtHost host;
    private long definedAt;

    private RealGuest(LibvirtHost host, String name) {
        this.host = host;
        this.name = name;
    }

    String disk() {
        return name + ".qcow2";
    }

    String seed() {
        return name + "-seed.iso";
    }

    Path consoleLog() {
        return LOGS.resolve(name + ".console.log");
    }

    /** Makes and starts the guest; {@code workDir} holds the seed ISO until it is uploaded. */
    static RealGuest boot(LibvirtHost host, String name, String baseVolume, Path workDir) {
        RealGuest guest = new RealGuest(host, name);
        GuestContext context = GuestContext.of(name, name, host.networkGateway(RealHost.NETWORK), TSI_PORT);
        Path iso = context.seed().writeIso(workDir.resolve(guest.seed()));
        host.volumes().createOverlay(RealHost.POOL, guest.disk(), baseVolume, DISK_BYTES);
        host.volumes().upload(RealHost.POOL, guest.seed(), iso, "iso");
        DomainSpec spec = new DomainSpec(name, "qemu", 1, 256, RealHost.POOL, guest.disk(), RealHost.NETWORK,
                Map.of("owner", "real-vms-test")).withDirectBoot(BOOT).withConsoleLog(guest.consoleLog())
                .withSeedVolume(guest.seed());
        guest.definedAt = System.nanoTime();
        host.virtualMachines().define(spec);
        host.virtualMachines().start(name);
        return guest;
    }

    double secondsSinceDefine() {
        return (System.nanoTime() - definedAt) / 1e9;
    }

    /** The guest's IPv4 address once its DHCP lease shows up. */
    String awaitAddress(Duration atMost) {
        AtomicReference<List<String>> addresses = new AtomicReference<>(List.of());
        try {
            await("address of " + name).atMost(atMost).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        addresses.set(host.virtualMachines().addresses(name));
                        return !addresses.get().isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " got no address within " + atMost + "; its console:\n" + console(), e);
        }
        return addresses.get().get(0);
    }

    /** Waits until the guest's TSI answers a real handshake (with its call-backs); returns where it is. */
    TsiAddress awaitTsi(TsiClient tsi, Duration atMost) {
        TsiAddress address = new TsiAddress(awaitAddress(atMost), TSI_PORT);
        AtomicReference<Readiness> last = new AtomicReference<>();
        try {
            await("TSI of " + name).atMost(atMost).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last.set(tsi.checkReadiness(address, "10.4.0"));
                        return last.get().ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + "'s TSI at " + address + " is not ready within " + atMost + " (last: "
                    + last.get() + "); its console:\n" + console(), e);
        }
        return address;
    }

    String console() {
        try {
            return Files.exists(consoleLog()) ? Files.readString(consoleLog()) : "(no console log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the engine's teardown will do it; each step succeeds on what is already gone. */
    void teardown() {
        host.virtualMachines().destroy(name);
        host.virtualMachines().undefine(name);
        host.volumes().delete(RealHost.POOL, disk());
        host.volumes().delete(RealHost.POOL, seed());
        try {
            Files.deleteIfExists(consoleLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what an interrupted earlier run left under {@code prefix}. */
    static void removeLeftovers(LibvirtHost host, String prefix) {
        for (String domain : host.virtualMachines().names()) {
            if (domain.startsWith(prefix)) {
                new RealGuest(host, domain).teardown();
            }
        }
        for (String volume : host.volumes().names(RealHost.POOL)) {
            if (volume.startsWith(prefix)) {
                host.volumes().delete(RealHost.POOL, volume);
            }
        }
    }
}
