package org.udre.connectors.libvirt;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInterface;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VirtualMachines} through libvirt-java.
 *
 * <p>When a call fails, the domain is looked at again: if what the call was meant to achieve holds anyway (started
 * by someone else, already stopped, already gone), that is success. This is judged from the domain's state rather
 * than from error codes, because drivers disagree on them (the test driver answers "already running" with an
 * internal error, QEMU with "operation invalid").
 */
final class LibvirtVirtualMachines implements VirtualMachines {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtVirtualMachines.class);

    /** In the order {@link #addresses} asks them. */
    private static final int[] ADDRESS_SOURCES = {
            Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE,
            Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT,
            Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP,
    };

    private final HostConnection host;

    LibvirtVirtualMachines(HostConnection host) {
        this.host = host;
    }

    @Override
    public void define(DomainSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("domain spec is missing");
        }
        host.run("define", subject(spec.name()), connect -> {
            Domain existing = find(connect, spec.name());
            if (existing != null) {
                release(existing);
                LOG.info("Adopted existing domain '{}' on {}", spec.name(), host.uri());
                return;
            }
            String xml = spec.directBoot() == null ? DomainXml.render(spec)
                    : DomainXml.render(spec, bootVolumePaths(connect, spec));
            release(connect.domainDefineXML(xml));
            LOG.info("Defined domain '{}' ({}, {} cores, {} MiB) on {}", spec.name(), spec.type(), spec.cores(),
                    spec.memoryMiB(), host.uri());
        });
    }

    /**
     * Looks up the direct-boot volumes first, so that a missing one is refused before anything is defined; the
     * function then only hands out the paths found.
     */
    private UnaryOperator<String> bootVolumePaths(Connect connect, DomainSpec spec)
            throws org.libvirt.LibvirtException {
        Map<String, String> paths = new HashMap<>();
        DirectBoot boot = spec.directBoot();
        StoragePool pool = connect.storagePoolLookupByName(spec.pool());
        try {
            for (String volume : Arrays.asList(boot.kernelVolume(), boot.initrdVolume())) {
                if (volume == null) {
                    continue;
                }
                StorageVol found = LibvirtVolumes.find(pool, volume, host.uri());
                if (found == null) {
                    throw new LibvirtException("define", subject(spec.name()), host.uri(),
                            LibvirtException.Reason.NOT_FOUND, "boot volume " + LibvirtNames.quote(volume)
                            + " does not exist in pool " + LibvirtNames.quote(spec.pool()));
                }
                try {
                    paths.put(volume, found.getPath());
                } finally {
                    found.free();
                }
            }
        } finally {
            pool.free();
        }
        return paths::get;
    }

    @Override
    public void start(String name) {
        LibvirtNames.requireGiven("domain name", name);
        host.run("start", subject(name), connect -> {
            Domain domain = connect.domainLookupByName(name);
            try {
                if (domain.isActive() == 1) {
                    return;
                }
                try {
                    domain.create();
                    LOG.info("Started domain '{}' on {}", name, host.uri());
                } catch (org.libvirt.LibvirtException e) {
                    if (domain.isActive() != 1) {
                        throw e;
                    }
                }
            } finally {
                release(domain);
            }
        });
    }

    @Override
    public VmState state(String name) {
        LibvirtNames.requireGiven("domain name", name);
        return host.call("read state of", subject(name), connect -> {
            Domain domain = find(connect, name);
            if (domain == null) {
                return VmState.ABSENT;
            }
            try {
                return VmState.of(domain.getInfo().state);
            } catch (org.libvirt.LibvirtException e) {
                if (LibvirtException.code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return VmState.ABSENT;
                }
                throw e;
            } finally {
                release(domain);
            }
        });
    }

    @Override
    public void destroy(String name) {
        LibvirtNames.requireGiven("domain name", name);
        host.run("destroy", subject(name), connect -> {
            Domain domain = find(connect, name);
            if (domain == null) {
                return;
            }
            try {
                if (domain.isActive() == 1) {
                    domain.destroy();
                    LOG.info("Destroyed domain '{}' on {}", name, host.uri());
                }
            } catch (org.libvirt.LibvirtException e) {
                if (isRunning(connect, name)) {
                    throw e;
                }
            } finally {
                release(domain);
            }
        });
    }

    @Override
    public void undefine(String name) {
        LibvirtNames.requireGiven("domain name", name);
        host.run("undefine", subject(name), connect -> {
            Domain domain = find(connect, name);
            if (domain == null) {
                return;
            }
            try {
                domain.undefine(Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA);
                LOG.info("Undefined domain '{}' on {}", name, host.uri());
            } catch (org.libvirt.LibvirtException e) {
                Domain again = find(connect, name);
                if (again != null) {
                    release(again);
                    throw e;
                }
            } finally {
                release(domain);
            }
        });
    }

    @Override
    public List<String> addresses(String name) {
        LibvirtNames.requireGiven("domain name", name);
        return host.call("read addresses of", subject(name), connect -> {
            Domain domain = connect.domainLookupByName(name);
            try {
                if (domain.isActive() != 1) {
                    return List.of();
                }
                for (int source : ADDRESS_SOURCES) {
                    List<String> addresses = addresses(domain, source);
                    if (!addresses.isEmpty()) {
                        return addresses;
                    }
                }
                return List.of();
            } finally {
                release(domain);
            }
        });
    }

    /** A source that cannot answer (no agent, no lease support, guest just stopped) is skipped, not an error. */
    private List<String> addresses(Domain domain, int source) throws org.libvirt.LibvirtException {
        try {
            Set<String> addresses = new LinkedHashSet<>();
            for (DomainInterface nic : domain.interfaceAddresses(source, 0)) {
                for (DomainInterface.InterfaceAddress address : nic.addrs) {
                    InetAddress ip = address.address;
                    if (ip instanceof Inet4Address && !ip.isLoopbackAddress() && !ip.isLinkLocalAddress()) {
                        addresses.add(ip.getHostAddress());
                    }
                }
            }
            return List.copyOf(addresses);
        } catch (org.libvirt.LibvirtException e) {
            LibvirtException.Reason reason = LibvirtException.reason(e, LibvirtException.Reason.OTHER);
            if (reason == LibvirtException.Reason.NOT_FOUND || reason == LibvirtException.Reason.CONNECTION) {
                throw e;
            }
            LOG.debug("Address source {} of domain on {} cannot answer: {}", source, host.uri(), e.getMessage());
            return List.of();
        }
    }

    @Override
    public List<String> names() {
        return host.call("list", "domains", connect -> {
            List<String> names = new ArrayList<>();
            for (Domain domain : connect.listAllDomains(0)) {
                try {
                    names.add(domain.getName());
                } finally {
                    release(domain);
                }
            }
            names.sort(null);
            return List.copyOf(names);
        });
    }

    @Override
    public Optional<String> metadata(String name, String key) {
        LibvirtNames.requireGiven("domain name", name);
        DomainSpec.requireMetadataKey(key);
        return host.call("read metadata '" + key + "' of", subject(name), connect -> {
            Domain domain = find(connect, name);
            if (domain == null) {
                return Optional.empty();
            }
            try {
                String udre = domain.getMetadata(Domain.MetadataType.ELEMENT, DomainXml.METADATA_NAMESPACE, 0);
                return DomainXml.metadataEntry(udre, key);
            } catch (org.libvirt.LibvirtException e) {
                ErrorNumber code = LibvirtException.code(e);
                if (code == ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA || code == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                    return Optional.empty();
                }
                throw e;
            } finally {
                release(domain);
            }
        });
    }

    private static String subject(String name) {
        return "domain " + LibvirtNames.quote(name);
    }

    /** The domain, or null when there is none of that name. */
    private static Domain find(Connect connect, String name) throws org.libvirt.LibvirtException {
        try {
            return connect.domainLookupByName(name);
        } catch (org.libvirt.LibvirtException e) {
            if (LibvirtException.code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return null;
            }
            throw e;
        }
    }

    private static boolean isRunning(Connect connect, String name) throws org.libvirt.LibvirtException {
        Domain domain = find(connect, name);
        if (domain == null) {
            return false;
        }
        try {
            return domain.isActive() == 1;
        } catch (org.libvirt.LibvirtException e) {
            if (LibvirtException.code(e) == ErrorNumber.VIR_ERR_NO_DOMAIN) {
                return false;
            }
            throw e;
        } finally {
            release(domain);
        }
    }

    /** Frees the handle now rather than in a finalizer; the domain itself is not affected. */
    private static void release(Domain domain) {
        try {
            domain.free();
        } catch (org.libvirt.LibvirtException e) {
            LOG.debug("Freeing a domain handle failed", e);
        }
    }
}
