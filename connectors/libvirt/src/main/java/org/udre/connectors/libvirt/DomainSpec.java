package org.udre.connectors.libvirt;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything needed to define one virtual machine.
 *
 * <p>Later additions (direct kernel boot with kernel, initrd and command line; a serial console; a cloud-init seed
 * cdrom) will come as further components with their own small records, keeping a constructor with today's
 * signature; {@link DomainXml} renders each part of the domain in a method of its own so they slot in there.
 *
 * @param name      domain name, unique on the host; deterministic so that a retry finds what the last try made
 * @param type      hypervisor: {@code test} (libvirt's test driver), {@code qemu} (emulation) or {@code kvm}
 * @param cores     virtual CPUs
 * @param memoryMiB guest memory
 * @param pool      storage pool holding the guest's disk
 * @param volume    the guest's disk: a qcow2 volume of that pool, as made by {@link Volumes#createOverlay}
 * @param network   libvirt network the guest's one NIC joins; {@code null} for a guest without a NIC
 * @param metadata  written into the domain under the UDRE namespace (e.g. owner = process instance id), so that
 *                  whoever finds the domain later can trace it back to whoever made it; keys are XML-name-like
 */
public record DomainSpec(String name, String type, int cores, long memoryMiB, String pool, String volume,
                         String network, Map<String, String> metadata) {

    static final Set<String> TYPES = Set.of("test", "qemu", "kvm");
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public DomainSpec {
        LibvirtNames.require("domain name", name);
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("domain type " + (type == null ? "is missing" : LibvirtNames.quote(type)
                    + " is not one of test, qemu, kvm") + " (domain '" + name + "')");
        }
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores + " (domain '" + name + "')");
        }
        if (memoryMiB < 1) {
            throw new IllegalArgumentException(
                    "memory must be at least 1 MiB, got " + memoryMiB + " (domain '" + name + "')");
        }
        LibvirtNames.require("pool name", pool);
        LibvirtNames.require("volume name", volume);
        if (network != null) {
            LibvirtNames.require("network name", network);
        }
        metadata = checkedMetadata(name, metadata);
    }

    /** Sorted, so the rendered XML is the same for the same spec. */
    private static Map<String, String> checkedMetadata(String name, Map<String, String> metadata) {
        if (metadata == null) {
            throw new IllegalArgumentException("metadata is missing (domain '" + name + "'); use an empty map");
        }
        Map<String, String> sorted = new TreeMap<>();
        metadata.forEach((key, value) -> {
            requireMetadataKey(key);
            if (value == null) {
                throw new IllegalArgumentException("metadata '" + key + "' has no value (domain '" + name + "')");
            }
            if (!isWritableToXml(value)) {
                throw new IllegalArgumentException("metadata '" + key + "' value " + LibvirtNames.quote(value)
                        + " contains control characters or unpaired surrogates (domain '" + name + "')");
            }
            sorted.put(key, value);
        });
        return Collections.unmodifiableMap(sorted);
    }

    /** XML 1.0 cannot carry control characters at all, and a CR would come back as LF. */
    private static boolean isWritableToXml(String value) {
        return value.codePoints().noneMatch(c -> Character.isISOControl(c)
                || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) || c == 0xFFFE || c == 0xFFFF);
    }

    static String requireMetadataKey(String key) {
        if (key == null || !METADATA_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("metadata key " + (key == null ? "is missing" : LibvirtNames.quote(key)
                    + " is not a letter followed by up to 63 letters, digits, _ or -"));
        }
        return key;
    }
}
