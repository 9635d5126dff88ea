package org.udre.connectors.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * The virtual machines (libvirt domains) of one host, by name.
 *
 * <p>An interface because it is where tests inject the failures a real host can produce. Every method is safe to
 * repeat: what already holds is success, and teardown of what is already gone is success.
 */
public interface VirtualMachines {

    /**
     * Defines the domain unless one of that name exists; an existing one is adopted as it is, so a retry after a
     * define that timed out (but happened) finds what the first try made instead of failing.
     */
    void define(DomainSpec spec);

    /** Starts the defined domain; one that is already running counts as started. */
    void start(String name);

    /** The domain's state, {@link VmState#ABSENT} when there is no domain of that name. */
    VmState state(String name);

    /** Stops the domain at once (pulls the plug); absent or not running is success. */
    void destroy(String name);

    /**
     * Removes the domain's definition (with any managed-save image and snapshot metadata); absent is success.
     * A running domain stays running as a transient one until destroyed: destroy first.
     */
    void undefine(String name);

    /**
     * The guest's IPv4 addresses (no loopback, no link-local), from the first source that knows any: the DHCP
     * leases of the host's network, then the guest agent, then the host's ARP table. Empty while the guest has
     * none yet or is not running.
     *
     * @throws LibvirtException with reason NOT_FOUND when there is no domain of that name
     */
    List<String> addresses(String name);

    /** Names of every domain on the host, defined or running (or both), sorted. */
    List<String> names();

    /**
     * One entry of the metadata {@link DomainSpec#metadata()} wrote into the domain, so an orphan found on a host
     * can be traced to whoever made it. Empty when the domain, or that entry, does not exist.
     */
    Optional<String> metadata(String name, String key);
}
