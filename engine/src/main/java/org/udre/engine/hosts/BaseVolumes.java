package org.udre.engine.hosts;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.catalog.ImageFile;
import org.udre.catalog.ImageFiles;
import org.udre.catalog.VolumeUploads;
import org.udre.connectors.libvirt.LibvirtException;
import org.udre.connectors.libvirt.Volumes;
import org.udre.engine.UdreProperties;

/**
 * Makes sure a host's pool holds every volume of an image -- its base volume, and the kernel and initramfs of a
 * direct boot -- before VMs are built over it, uploading each one the first time a host needs it.
 *
 * <p>A volume already in the pool is used as it is, unless UDRE's own upload of it was cut short (recorded in
 * {@link VolumeUploads} before each upload starts): then it is deleted and uploaded again. A missing volume is
 * uploaded from the file registered for it in the catalogue, whose SHA-256 is checked again just before. A simulated
 * host (libvirt's test driver) cannot receive data, so there a missing volume is created empty instead: the
 * simulated VMs never read it. On a real host a volume with no registered file is an error that names the volume an
 * operator has to put there.
 */
@Component
public class BaseVolumes {

    private static final Logger log = LoggerFactory.getLogger(BaseVolumes.class);
    private static final long GIB = 1024L * 1024 * 1024;
    private static final long STAND_IN_BOOT_BYTES = 1024L * 1024;

    private final Hosts hosts;
    private final ImageFiles files;
    private final VolumeUploads uploads;
    private final Path downloads;
    /** One upload of a volume at a time in this engine; another engine's twin upload is adopted by the connector. */
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public BaseVolumes(Hosts hosts, ImageFiles files, VolumeUploads uploads, UdreProperties properties) {
        this.hosts = hosts;
        this.files = files;
        this.uploads = uploads;
        this.downloads = properties.home().resolve("image-files");
    }

    public void ensure(String hostName, Image image) {
        for (String volume : image.volumes()) {
            synchronized (locks.computeIfAbsent(hostName + "/" + volume, key -> new Object())) {
                ensure(hostName, image, volume);
            }
        }
    }

    private void ensure(String hostName, Image image, String volume) {
        UdreProperties.Host host = hosts.settings(hostName);
        Volumes volumes = hosts.volumes(hostName);
        boolean isDisk = volume.equals(image.disk().volume());
        String format = isDisk ? image.disk().format() : "raw";
        if (volumes.exists(host.pool(), volume)) {
            boolean cutShort = uploads.upload(host.uri(), host.pool(), volume).filter(u -> !u.completed()).isPresent();
            if (!cutShort) {
                return;
            }
            log.warn("Host {}: the upload of volume {} was cut short; deleting it to upload it again", hostName, volume);
            volumes.delete(host.pool(), volume);
            uploads.forget(host.uri(), host.pool(), volume);
        }
        Optional<ImageFile> file = files.file(image.name(), image.version(), volume);
        if (file.isPresent() && upload(hostName, host, volumes, file.get(), format)) {
            return;
        }
        if (!hosts.isSimulated(hostName)) {
            throw new ImageNotOnHostException(image.ref(), volume, host.pool(), host.uri());
        }
        log.info("Simulated host {}: creating empty volume {} for image {}", hostName, volume, image.ref());
        volumes.create(host.pool(), volume, isDisk ? image.resources().diskGiB() * GIB : STAND_IN_BOOT_BYTES, format);
    }

    /** @return false when the host cannot receive uploads (libvirt's test driver) */
    private boolean upload(String hostName, UdreProperties.Host host, Volumes volumes, ImageFile file, String format) {
        Path content = files.verifiedCopy(file, downloads);
        // Recorded before the upload starts, so that one cut short by a stop of the engine is recognised later.
        uploads.starting(host.uri(), host.pool(), file.volume(), file.sha256());
        try {
            log.info("Host {}: uploading {} ({} bytes) into volume {}", hostName, file.location(), file.sizeBytes(),
                    file.volume());
            volumes.upload(host.pool(), file.volume(), content, format);
            uploads.completed(host.uri(), host.pool(), file.volume());
            return true;
        } catch (LibvirtException e) {
            // The connector deleted what it created; nothing is left to remember.
            uploads.forget(host.uri(), host.pool(), file.volume());
            if (e.reason() == LibvirtException.Reason.UNSUPPORTED && hosts.isSimulated(hostName)) {
                return false;
            }
            throw e;
        } catch (RuntimeException e) {
            uploads.forget(host.uri(), host.pool(), file.volume());
            throw e;
        }
    }
}
