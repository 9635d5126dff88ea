package org.udre.connectors.libvirt;

import java.util.List;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Network;
import org.libvirt.NodeInfo;

/**
 * One libvirt host: its virtual machines, its storage volumes and what it can offer.
 *
 * <p>Thread-safe. Each {@link #connect} opens a new libvirt connection and returns a new {@code LibvirtHost};
 * callers keep one per URI and share it. That matters beyond saving connections: libvirt's test driver gives every
 * connection to a {@code test:///<file>.xml} host description a private copy of that host, so a domain defined
 * through one {@code LibvirtHost} would not exist for another one opened on the same URI. ({@code test:///default}
 * is one host per process, shared by all its connections.)
 */
public final class LibvirtHost implements AutoCloseable {

    private static final long KIB_PER_MIB = 1024;
    private static final long BYTES_PER_MIB = 1024 * 1024;

    private final HostConnection connection;
    private final VirtualMachines virtualMachines;
    private final Volumes volumes;

    private LibvirtHost(HostConnection connection) {
        this.connection = connection;
        this.virtualMachines = new LibvirtVirtualMachines(connection);
        this.volumes = new LibvirtVolumes(connection);
    }

    /**
     * Opens a read-write connection to the host.
     *
     * @param uri a libvirt URI, e.g. {@code qemu:///system} or {@code test:///default}
     * @throws LibvirtException with reason CONNECTION, naming the URI, when the host cannot be reached
     */
    public static LibvirtHost connect(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("libvirt URI is missing: got " + (uri == null ? "null" : "'" + uri + "'"));
        }
        return new LibvirtHost(HostConnection.open(uri));
    }

    public String uri() {
        return connection.uri();
    }

    public VirtualMachines virtualMachines() {
        return virtualMachines;
    }

    public Volumes volumes() {
        return volumes;
    }

    /** Logical CPUs and memory of the host, and the memory free now. */
    public HostCapacity capacity() {
        return connection.call("read capacity of", "host", connect -> {
            NodeInfo node = connect.nodeInfo();
            long memoryMiB = node.memory / KIB_PER_MIB;
            long freeMiB = connection.isTestDriver() ? testDriverFreeMiB(connect, node)
                    : connect.getFreeMemory() / BYTES_PER_MIB;
            return new HostCapacity(node.cpus, memoryMiB, freeMiB);
        });
    }

    /**
     * The test driver has no real free-memory figure: on {@code test:///default} it reports a fixed per-cell number
     * in the wrong unit, and on a host description it reports 0, which libvirt-java turns into an exception. So on
     * that driver free memory is what a real host would show: its memory minus what its running domains hold.
     */
    private static long testDriverFreeMiB(Connect connect, NodeInfo node) throws org.libvirt.LibvirtException {
        long usedKiB = 0;
        for (Domain domain : connect.listAllDomains(Connect.ConnectListAllDomainsFlags.CONNECT_LIST_DOMAINS_ACTIVE)) {
            try {
                usedKiB += domain.getInfo().memory;
            } catch (org.libvirt.LibvirtException e) {
                // Gone between listing and reading (another VM's teardown): it holds no memory any more.
                if (LibvirtException.code(e) != org.libvirt.Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    throw e;
                }
            } finally {
                domain.free();
            }
        }
        return Math.max(0, node.memory - usedKiB) / KIB_PER_MIB;
    }

    /** The domain types the host offers, from its capabilities, e.g. [test] or [qemu, kvm]. */
    public List<String> domainTypes() {
        return connection.call("read capabilities of", "host",
                connect -> HostCapabilities.domainTypes(connect.getCapabilities()));
    }

    /** "test" if the host offers it, else "kvm" if offered, else "qemu". */
    public String defaultDomainType() {
        return HostCapabilities.defaultDomainType(domainTypes());
    }

    /**
     * The host's own IPv4 address on a libvirt network: on a NAT network the gateway of its guests, which is the
     * address a guest's TSI must allow and call back to when the engine runs on this host.
     *
     * @throws LibvirtException with reason NOT_FOUND when the network does not exist, REFUSED when it has no
     *                          IPv4 address on the host (guests on it cannot reach the host)
     */
    public String networkGateway(String network) {
        LibvirtNames.requireGiven("network name", network);
        String subject = "network " + LibvirtNames.quote(network);
        String xml = connection.call("read address of", subject, connect -> {
            Network found = connect.networkLookupByName(network);
            try {
                return found.getXMLDesc(0);
            } finally {
                found.free();
            }
        });
        List<String> addresses = XmlDocuments.values(XmlDocuments.parse(xml),
                "/network/ip[not(@family) or @family='ipv4']/@address");
        if (addresses.isEmpty()) {
            throw new LibvirtException("read address of", subject, uri(), LibvirtException.Reason.REFUSED,
                    "the network has no IPv4 address on the host");
        }
        return addresses.get(0);
    }

    /** Whether the connection is open and the host answers; never throws. */
    /**
     * Whether libvirt's test driver is behind the connection, whatever the URI's transport ({@code test:///...} in
     * this process, {@code test+unix:///default} in a libvirtd): it runs no guests and cannot receive uploads.
     */
    public boolean isSimulated() {
        return connection.isTestDriver();
    }

    public boolean isAlive() {
        return connection.isAlive();
    }

    /** Closes the connection; calls made afterwards fail with {@link IllegalStateException}. Repeating is harmless. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "LibvirtHost[" + uri() + "]";
    }
}
