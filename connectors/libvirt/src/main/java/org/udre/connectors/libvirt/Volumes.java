package org.udre.connectors.libvirt;

import java.nio.file.Path;
import java.util.List;

/**
 * The storage volumes of the pools of one host, by pool and volume name.
 *
 * <p>An interface because it is where tests inject the failures a real host can produce. A volume that libvirt
 * does not know yet (a base image copied into a pool directory from outside) is found after a pool refresh, which
 * each lookup that misses does once.
 */
public interface Volumes {

    /**
     * @throws LibvirtException with reason NOT_FOUND when the pool does not exist
     */
    boolean exists(String pool, String name);

    /**
     * Creates an empty volume, e.g. a scratch disk, or a stand-in base volume on a test host that cannot receive
     * image data. If {@code name} already exists in that format it is adopted.
     *
     * @param format as libvirt names it: "qcow2", "raw", ...
     * @throws LibvirtException with reason NOT_FOUND when the pool does not exist, REFUSED when {@code name}
     *                          exists in another format
     */
    void create(String pool, String name, long capacityBytes, String format);

    /**
     * Creates {@code name} as a copy-on-write qcow2 overlay over {@code baseVolume} of the same pool, so the guest
     * writes only to its own volume and the base stays untouched. If {@code name} already exists over that base it
     * is adopted.
     *
     * @param capacityBytes size of the guest's disk; at least the base volume's size
     * @throws LibvirtException with reason NOT_FOUND, naming pool, base volume and host, when the base volume (or
     *                          the pool) does not exist -- and then nothing is created
     * @throws LibvirtException with reason REFUSED when {@code name} exists but is not an overlay over that base,
     *                          or when {@code capacityBytes} is smaller than the base (the guest would see a
     *                          truncated disk)
     */
    void createOverlay(String pool, String name, String baseVolume, long capacityBytes);

    /**
     * Creates {@code name} sized to {@code source} and sends the file's bytes to it through libvirt's stream API,
     * so it works on remote hosts too (e.g. a catalogue image, or a cloud-init seed made by {@link NoCloudSeed}).
     * If {@code name} already exists with exactly these bytes it is adopted.
     *
     * @param format what the file is, as libvirt names it: "qcow2", "raw" or "iso" (an ISO 9660 image, which is
     *               also accepted as "raw"); checked against the file's first bytes before anything is created
     * @throws LibvirtException with reason UNSUPPORTED when the host's driver cannot receive uploads (libvirt's
     *                          test driver), NOT_FOUND when the pool does not exist, REFUSED when {@code name}
     *                          exists with other content or the file is not in {@code format}; whenever the
     *                          upload fails, the volume it created is deleted again
     * @throws IllegalArgumentException when {@code source} is not a readable, non-empty regular file
     */
    void upload(String pool, String name, Path source, String format);

    /** Deletes the volume; an absent volume (or pool) is success. */
    void delete(String pool, String name);

    /** Names of the volumes libvirt knows in the pool, sorted. */
    List<String> names(String pool);

    /** The volume's path on the host. @throws LibvirtException with reason NOT_FOUND when it does not exist */
    String path(String pool, String name);
}
