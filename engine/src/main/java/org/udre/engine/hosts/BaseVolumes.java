package org.udre.engine.hosts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.catalog.Image;
import org.udre.connectors.libvirt.Volumes;
import org.udre.engine.UdreProperties;

/**
 * Makes sure a host's pool holds an image's base volume before VMs are built over it.
 *
 * <p>A simulated host (libvirt's test driver) cannot receive image data, so there the base volume is created
 * empty, with the image's disk size: the simulated VMs never read it. On a real host a missing image is an error
 * that names the volume an operator has to put there.
 */
@Component
public class BaseVolumes {

    private static final Logger log = LoggerFactory.getLogger(BaseVolumes.class);
    private static final long GIB = 1024L * 1024 * 1024;

    private final Hosts hosts;

    public BaseVolumes(Hosts hosts) {
        this.hosts = hosts;
    }

    public void ensure(String hostName, Image image) {
        UdreProperties.Host host = hosts.settings(hostName);
        Volumes volumes = hosts.volumes(hostName);
        String volume = image.disk().volume();
        if (volumes.exists(host.pool(), volume)) {
            return;
        }
        if (!hosts.isSimulated(hostName)) {
            throw new ImageNotOnHostException(image.ref(), volume, host.pool(), host.uri());
        }
        log.info("Simulated host {}: creating empty base volume {} for image {}", hostName, volume, image.ref());
        volumes.create(host.pool(), volume, image.resources().diskGiB() * GIB, image.disk().format());
    }
}
