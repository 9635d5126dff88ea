package org.udre.connectors.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host for libvirt's test driver, described in a file: so many cores and so much memory, an empty directory pool and
 * a NAT network. Real libvirt, simulated hypervisor: for tests, benchmarks and trying UDRE without one.
 *
 * <p>Every connection to a {@code test:///<file>} URI gets a private copy of the host: whoever opens it must keep one
 * connection (see {@link LibvirtHost}).
 *
 * @param pool    the directory pool the host offers
 * @param network the NAT network with DHCP the host offers
 * @param volumes qcow2 volumes the pool already holds (for example base images), by name, with their size in bytes
 */
public record SimulatedHost(int cores, long memoryMiB, String pool, String network, Map<String, Long> volumes) {

    /** A host whose pool is empty. */
    public SimulatedHost(int cores, long memoryMiB, String pool, String network) {
        this(cores, memoryMiB, pool, network, Map.of());
    }

    public SimulatedHost {
        if (cores < 1) {
            throw new IllegalArgumentException("a simulated host needs at least one core, not " + cores);
        }
        if (memoryMiB < 1) {
            throw new IllegalArgumentException("a simulated host needs memory, not " + memoryMiB + " MiB");
        }
        LibvirtNames.require("pool", pool);
        LibvirtNames.require("network", network);
        volumes = Map.copyOf(volumes);
        volumes.forEach((name, bytes) -> {
            LibvirtNames.require("volume", name);
            if (bytes < 1) {
                throw new IllegalArgumentException("volume " + name + " needs a size, not " + bytes + " bytes");
            }
        });
    }

    /** Writes the description to {@code file} and returns the URI that opens the host. */
    public String writeTo(Path file) {
        String xml = """
                <node>
                  <cpu>
                    <nodes>1</nodes><sockets>1</sockets><cores>%d</cores><threads>1</threads>
                    <active>%d</active><mhz>2000</mhz><model>x86_64</model>
                  </cpu>
                  <memory>%d</memory>
                  <network>
                    <name>%s</name>
                    <bridge name='virbr0'/>
                    <forward/>
                    <ip address='192.168.122.1' netmask='255.255.255.0'>
                      <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
                    </ip>
                  </network>
                  <pool type='dir'>
                    <name>%s</name>
                    <target><path>/var/lib/udre/pool</path></target>
                %s
                  </pool>
                </node>
                """.formatted(cores, cores, memoryMiB * 1024, network, pool, volumeElements());
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated host description " + file, e);
        }
        return "test://" + file.toAbsolutePath();
    }

    private String volumeElements() {
        StringBuilder xml = new StringBuilder();
        new TreeMap<>(volumes).forEach((name, bytes) -> xml.append("""
                    <volume type='file'>
                      <name>%s</name>
                      <capacity unit='bytes'>%d</capacity>
                      <target><format type='qcow2'/></target>
                    </volume>
                """.formatted(name, bytes)));
        return xml.toString().strip();
    }
}
