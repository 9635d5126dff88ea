package org.udre.connectors.libvirt;

import java.util.LinkedHashSet;
import java.util.List;

/** What the capabilities XML of a host says about the domain types it offers. */
final class HostCapabilities {

    private HostCapabilities() {
    }

    /** Distinct domain types over all guest architectures, in the order the host lists them, e.g. [qemu, kvm]. */
    static List<String> domainTypes(String capabilitiesXml) {
        return List.copyOf(new LinkedHashSet<>(XmlDocuments.values(XmlDocuments.parse(capabilitiesXml),
                "/capabilities/guest/arch/domain/@type")));
    }

    /**
     * "test" on libvirt's test driver; otherwise "kvm" where the host offers hardware virtualisation; otherwise
     * "qemu", which every QEMU host can do by emulation.
     */
    static String defaultDomainType(List<String> offered) {
        for (String preferred : List.of("test", "kvm")) {
            if (offered.contains(preferred)) {
                return preferred;
            }
        }
        return "qemu";
    }
}
