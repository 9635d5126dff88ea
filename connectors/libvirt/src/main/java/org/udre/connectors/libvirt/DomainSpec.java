package org.udre.connectors.libvirt;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything needed to define one virtual machine.
 *
 * <p>The first eight components are what every domain needs (and what the shorter constructor takes); the last
 * three are optional parts for real guests, added with the {@code with...} methods:
 * <pre>{@code
 * new DomainSpec("udre-42", "qemu", 1, 256, "udre", "udre-42.qcow2", "udre", Map.of("owner", "pi-42"))
 *         .withDirectBoot(new DirectBoot("udre-guest-1.0.vmlinuz", "udre-guest-1.0.initrd", "console=ttyS0"))
 *         .withConsoleLog(Path.of("/var/log/udre/udre-42.console.log"))
 *         .withSeedVolume("udre-42-seed.iso");
 * }</pre>
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
 * @param directBoot kernel, initramfs and command line to boot directly; null: boot from the disk
 * @param consoleLog absolute path on the host of a file that receives the guest's first serial port (ttyS0), so
 *                   what a guest printed can be read when it did not come up; null: no serial port
 * @param seedVolume a volume of {@code pool} attached read-only as a CD-ROM, e.g. a cloud-init NoCloud seed made
 *                   by {@link NoCloudSeed}; null: none
 */
public record DomainSpec(String name, String type, int cores, long memoryMiB, String pool, String volume,
                         String network, Map<String, String> metadata, DirectBoot directBoot, Path consoleLog,
                         String seedVolume) {

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
        if (consoleLog != null && (!consoleLog.isAbsolute() || !isWritableToXml(consoleLog.toString()))) {
            throw new IllegalArgumentException("console log " + LibvirtNames.quote(consoleLog.toString())
                    + " is not an absolute path without control characters (domain '" + name + "')");
        }
        if (seedVolume != null) {
            LibvirtNames.require("seed volume name", seedVolume);
            if (seedVolume.equals(volume)) {
                throw new IllegalArgumentException("seed volume '" + seedVolume + "' cannot also be the disk of"
                        + " domain '" + name + "'");
            }
        }
    }

    /** A domain that boots from its disk, without serial port or seed: what every domain needs. */
    public DomainSpec(String name, String type, int cores, long memoryMiB, String pool, String volume,
                      String network, Map<String, String> metadata) {
        this(name, type, cores, memoryMiB, pool, volume, network, metadata, null, null, null);
    }

    /** This spec booting {@code boot}'s kernel directly; null boots from the disk again. */
    public DomainSpec withDirectBoot(DirectBoot boot) {
        return new DomainSpec(name, type, cores, memoryMiB, pool, volume, network, metadata, boot, consoleLog,
                seedVolume);
    }

    /** This spec with its serial console written to {@code log} on the host; null: no serial port. */
    public DomainSpec withConsoleLog(Path log) {
        return new DomainSpec(name, type, cores, memoryMiB, pool, volume, network, metadata, directBoot, log,
                seedVolume);
    }

    /** This spec with {@code seed}, a volume of the same pool, as a read-only CD-ROM; null: none. */
    public DomainSpec withSeedVolume(String seed) {
        return new DomainSpec(name, type, cores, memoryMiB, pool, volume, network, metadata, directBoot, consoleLog,
                seed);
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
