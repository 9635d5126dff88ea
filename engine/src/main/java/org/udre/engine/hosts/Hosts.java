package org.udre.engine.hosts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;
import org.udre.connectors.libvirt.LibvirtHost;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.libvirt.Volumes;
import org.udre.engine.UdreProperties;

/**
 * The configured libvirt hosts, each behind one shared connection.
 *
 * <p>One connection per host is not only cheaper: a {@code test:///<file>.xml} host gives every connection a
 * private copy of the simulated host, so a second connection would not see the VMs the first one made.
 * Connections are opened on first use, so that an engine starts while a host is down, and reopened when libvirt
 * reports them dead.
 */
@Component
public class Hosts {

    private final Map<String, UdreProperties.Host> settings = new LinkedHashMap<>();
    private final Map<String, LibvirtHost> connections = new LinkedHashMap<>();

    public Hosts(UdreProperties properties) {
        properties.hosts().forEach(host -> settings.put(host.name(), host));
    }

    /** The host a job asked for, or the first configured one when it asked for none. */
    public UdreProperties.Host choose(String requested) {
        if (requested == null || requested.isBlank()) {
            return settings.values().iterator().next();
        }
        return settings(requested);
    }

    public UdreProperties.Host settings(String name) {
        UdreProperties.Host host = settings.get(name);
        if (host == null) {
            throw new UnknownHostException(name, List.copyOf(settings.keySet()));
        }
        return host;
    }

    public List<UdreProperties.Host> all() {
        return List.copyOf(settings.values());
    }

    public VirtualMachines virtualMachines(String name) {
        return connection(name).virtualMachines();
    }

    public Volumes volumes(String name) {
        return connection(name).volumes();
    }

    /** The libvirt domain type VMs get on this host: the configured one, else what the host offers. */
    public String domainType(String name) {
        return Optional.ofNullable(settings(name).domainType()).orElseGet(() -> connection(name).defaultDomainType());
    }

    /**
     * Whether the host is simulated by libvirt's test driver, which runs no guests and cannot store image data; the
     * connection says, so {@code test:///...} and a libvirtd's {@code test+unix:///default} alike.
     */
    public boolean isSimulated(String name) {
        return connection(name).isSimulated();
    }

    public synchronized LibvirtHost connection(String name) {
        UdreProperties.Host host = settings(name);
        LibvirtHost connection = connections.get(name);
        if (connection == null || !connection.isAlive()) {
            if (connection != null) {
                connection.close();
            }
            connection = LibvirtHost.connect(host.uri());
            connections.put(name, connection);
        }
        return connection;
    }

    @PreDestroy
    public synchronized void close() {
        connections.values().forEach(LibvirtHost::close);
        connections.clear();
    }
}
