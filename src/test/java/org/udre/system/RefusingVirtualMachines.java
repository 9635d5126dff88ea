package org.udre.system;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.udre.connectors.libvirt.DomainSpec;
import org.udre.connectors.libvirt.LibvirtException;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.libvirt.VmState;

/**
 * A real host's virtual machines, except that one operation is refused the way libvirt refuses it. The test
 * driver accepts nearly any domain, so this is how a test meets a host that says no.
 */
public final class RefusingVirtualMachines implements VirtualMachines {

    public enum Operation { DEFINE, START }

    public static final String REFUSAL = "unsupported configuration: the host refuses on purpose";

    private final VirtualMachines real;
    private final Operation refused;
    private final String uri;
    private final Predicate<String> names;

    /** Refuses {@code refused} for every domain. */
    RefusingVirtualMachines(VirtualMachines real, Operation refused, String uri) {
        this(real, refused, uri, name -> true);
    }

    /** Refuses {@code refused} for the domains whose names {@code names} accepts. */
    public RefusingVirtualMachines(VirtualMachines real, Operation refused, String uri, Predicate<String> names) {
        this.real = real;
        this.refused = refused;
        this.uri = uri;
        this.names = names;
    }

    @Override
    public void define(DomainSpec spec) {
        refuseIf(Operation.DEFINE, spec.name());
        real.define(spec);
    }

    @Override
    public void start(String name) {
        refuseIf(Operation.START, name);
        real.start(name);
    }

    private void refuseIf(Operation operation, String name) {
        if (operation == refused && names.test(name)) {
            throw new LibvirtException(operation.name().toLowerCase(), "domain '" + name + "'", uri,
                    LibvirtException.Reason.REFUSED, REFUSAL);
        }
    }

    @Override
    public VmState state(String name) {
        return real.state(name);
    }

    @Override
    public void destroy(String name) {
        real.destroy(name);
    }

    @Override
    public void undefine(String name) {
        real.undefine(name);
    }

    @Override
    public List<String> addresses(String name) {
        return real.addresses(name);
    }

    @Override
    public List<String> names() {
        return real.names();
    }

    @Override
    public Optional<String> metadata(String name, String key) {
        return real.metadata(name, key);
    }
}
