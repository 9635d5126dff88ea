package org.udre.connectors.libvirt;

import org.libvirt.DomainInfo.DomainState;

/** What a domain is doing, as far as provisioning and teardown care. */
public enum VmState {
    /** No domain of that name on the host. */
    ABSENT,
    SHUT_OFF,
    RUNNING,
    PAUSED,
    SHUTTING_DOWN,
    CRASHED,
    /** A libvirt state that provisioning has no use for (no state reported, suspended to RAM). */
    OTHER;

    static VmState of(DomainState state) {
        if (state == null) {
            return OTHER;
        }
        return switch (state) {
            // "blocked" means running but waiting for a resource (e.g. I/O): still running for our purposes.
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> RUNNING;
            case VIR_DOMAIN_PAUSED -> PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> SHUT_OFF;
            case VIR_DOMAIN_CRASHED -> CRASHED;
            case VIR_DOMAIN_NOSTATE, VIR_DOMAIN_PMSUSPENDED -> OTHER;
        };
    }
}
