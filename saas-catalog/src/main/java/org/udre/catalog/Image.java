package org.udre.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One image of the catalogue, as its validated metadata describes it. Instances made by the catalogue have passed
 * the JSON Schema and the checks it cannot express; the constructors re-check the invariants the engine relies on
 * (safe names, positive sizes, a parsable version) so an image built in code cannot break them either.
 */
public record Image(String name, String version, String description, OperatingSystem os,
        List<Application> applications, Resources resources, Disk disk, TsiSetup tsi, List<String> tags, Boot boot) {

    /**
     * Letters, digits, '.', '-', '_', not starting with '.' or '-': VM and volume names are derived from image
     * names and volume names, and these need no quoting in libvirt XML, file names or a shell. The JSON Schema's
     * {@code safeName} definition uses the same expression (a test holds them equal).
     */
    static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    public Image {
        requireSafeName("image name", name);
        Version.parse(version);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(os, "os");
        applications = List.copyOf(Objects.requireNonNull(applications, "applications"));
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(tsi, "tsi");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** An image booted by its boot loader from its disk, as most images are: no {@link Boot} section. */
    public Image(String name, String version, String description, OperatingSystem os, List<Application> applications,
            Resources resources, Disk disk, TsiSetup tsi, List<String> tags) {
        this(name, version, description, os, applications, resources, disk, tsi, tags, null);
    }

    /** How the VM is booted directly from a kernel and an initramfs; empty when it boots from its disk. */
    public Optional<Boot> directBoot() {
        return Optional.ofNullable(boot);
    }

    /**
     * The volumes a host's pool must hold before a VM of this image can start: the base volume, and the kernel and
     * initramfs of a direct boot.
     */
    public List<String> volumes() {
        return boot == null ? List.of(disk.volume()) : List.of(disk.volume(), boot.kernel(), boot.initrd());
    }

    /** The reference users choose this image by: {@code name:version}. */
    public String ref() {
        return name + ":" + version;
    }

    public record OperatingSystem(String family, String distribution, String version) {
        public OperatingSystem {
            requireText("os family", family);
            requireText("os distribution", distribution);
            requireText("os version", version);
        }
    }

    public record Application(String name, String version) {
        public Application {
            requireText("application name", name);
            requireText("application version", version);
        }
    }

    /** What a VM of this image gets by default. */
    public record Resources(int cores, int memoryMiB, int diskGiB) {
        public Resources {
            requirePositive("cores", cores);
            requirePositive("memoryMiB", memoryMiB);
            requirePositive("diskGiB", diskGiB);
        }
    }

    /** The base volume in a host's storage pool that a VM's disk is made from; {@code format} as libvirt names it. */
    public record Disk(String volume, String format) {
        public Disk {
            requireSafeName("volume", volume);
            requireText("disk format", format);
        }
    }

    /**
     * A direct boot: the hypervisor loads {@code kernel} and {@code initrd} itself, both held as raw volumes in the
     * host's pool beside the base volume, and passes {@code cmdline} to the kernel.
     *
     * @param cmdline the kernel command line; empty for none
     */
    public record Boot(String kernel, String initrd, String cmdline) {
        public Boot {
            requireSafeName("kernel volume", kernel);
            requireSafeName("initrd volume", initrd);
            Objects.requireNonNull(cmdline, "cmdline");
            for (int i = 0; i < cmdline.length(); i++) {
                if (Character.isISOControl(cmdline.charAt(i))) {
                    throw new IllegalArgumentException("kernel command line must be one line without control "
                            + "characters, was \"" + cmdline + "\"");
                }
            }
        }
    }

    /**
     * How the TSI inside the guest is set up.
     *
     * @param port           TCP port of the TSI in the guest
     * @param minimumVersion oldest TSI version the image works with, e.g. "10.4.0"
     * @param user           local user jobs run as unless the job names one
     * @param workspace      absolute directory under which job directories are made
     * @param readyWithin    how long after start the TSI must answer before the VM counts as failed
     */
    public record TsiSetup(int port, String minimumVersion, String user, String workspace, Duration readyWithin) {
        public TsiSetup {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("TSI port must be 1..65535, was " + port);
            }
            Version.parse(minimumVersion);
            requireText("TSI user", user);
            requireText("TSI workspace", workspace);
            if (!workspace.startsWith("/")) {
                throw new IllegalArgumentException("TSI workspace must be an absolute path, was \"" + workspace + "\"");
            }
            Objects.requireNonNull(readyWithin, "readyWithin");
            if (readyWithin.isNegative() || readyWithin.isZero()) {
                throw new IllegalArgumentException("readyWithin must be positive, was " + readyWithin);
            }
        }
    }

    private static void requireSafeName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!SAFE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " may contain only letters, digits, '.', '-' and '_', "
                    + "and must start with a letter or digit; was \"" + value + "\"");
        }
    }

    private static void requireText(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, was \"" + value + "\"");
        }
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
