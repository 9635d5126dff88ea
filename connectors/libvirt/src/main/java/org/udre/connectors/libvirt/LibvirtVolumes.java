package org.udre.connectors.libvirt;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Volumes} through libvirt-java. */
final class LibvirtVolumes implements Volumes {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtVolumes.class);
    /** libvirt's format names are short lower-case words: raw, qcow2, vmdk, ... */
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private final HostConnection host;

    LibvirtVolumes(HostConnection host) {
        this.host = host;
    }

    @Override
    public boolean exists(String pool, String name) {
        requireNames(pool, name);
        return host.call("look up", subject(pool, name), connect -> {
            StoragePool storagePool = connect.storagePoolLookupByName(pool);
            try {
                StorageVol volume = find(storagePool, name);
                release(volume);
                return volume != null;
            } finally {
                release(storagePool);
            }
        });
    }

    @Override
    public void create(String pool, String name, long capacityBytes, String format) {
        LibvirtNames.requireGiven("pool name", pool);
        LibvirtNames.require("volume name", name);
        requirePositive(name, capacityBytes);
        if (format == null || !FORMAT.matcher(format).matches()) {
            throw new IllegalArgumentException("format of volume '" + name + "' "
                    + (format == null ? "is missing" : LibvirtNames.quote(format) + " is not a libvirt format name"));
        }
        host.run("create " + format, subject(pool, name), connect -> {
            StoragePool storagePool = connect.storagePoolLookupByName(pool);
            StorageVol existing = null;
            try {
                existing = find(storagePool, name);
                if (existing == null) {
                    try {
                        release(storagePool.storageVolCreateXML(VolumeXml.empty(name, capacityBytes, format), 0));
                        LOG.info("Created empty {} volume '{}' in pool '{}' on {}", format, name, pool, host.uri());
                        return;
                    } catch (org.libvirt.LibvirtException e) {
                        existing = find(storagePool, name);
                        if (existing == null) {
                            throw e;
                        }
                    }
                }
                String existingFormat = VolumeXml.format(existing.getXMLDesc(0));
                if (!existingFormat.equals(format)) {
                    throw new LibvirtException("create " + format, subject(pool, name), host.uri(),
                            LibvirtException.Reason.REFUSED, "volume '" + name + "' already exists in format "
                            + LibvirtNames.quote(existingFormat));
                }
                LOG.info("Adopted existing volume '{}' in pool '{}' on {}", name, pool, host.uri());
            } finally {
                release(existing);
                release(storagePool);
            }
        });
    }

    @Override
    public void createOverlay(String pool, String name, String baseVolume, long capacityBytes) {
        LibvirtNames.requireGiven("pool name", pool);
        LibvirtNames.require("volume name", name);
        LibvirtNames.requireGiven("base volume name", baseVolume);
        if (name.equals(baseVolume)) {
            throw new IllegalArgumentException("overlay volume '" + name + "' cannot be its own base volume");
        }
        requirePositive(name, capacityBytes);
        String operation = "create overlay over " + LibvirtNames.quote(baseVolume) + " as";
        host.run(operation, subject(pool, name), connect -> {
            StoragePool storagePool = connect.storagePoolLookupByName(pool);
            StorageVol base = null;
            StorageVol existing = null;
            try {
                base = find(storagePool, baseVolume);
                if (base == null) {
                    throw new LibvirtException(operation, subject(pool, name), host.uri(),
                            LibvirtException.Reason.NOT_FOUND,
                            "base volume " + LibvirtNames.quote(baseVolume) + " does not exist in pool "
                                    + LibvirtNames.quote(pool));
                }
                String basePath = base.getPath();
                existing = find(storagePool, name);
                if (existing != null) {
                    adopt(existing, operation, pool, name, baseVolume, basePath);
                    return;
                }
                long baseCapacity = base.getInfo().capacity;
                if (capacityBytes < baseCapacity) {
                    throw new LibvirtException(operation, subject(pool, name), host.uri(),
                            LibvirtException.Reason.REFUSED, "capacity " + capacityBytes + " bytes is smaller than"
                            + " base volume " + LibvirtNames.quote(baseVolume) + " (" + baseCapacity
                            + " bytes): the guest would see a truncated disk");
                }
                String xml = VolumeXml.overlay(name, capacityBytes, basePath, VolumeXml.format(base.getXMLDesc(0)));
                try {
                    release(storagePool.storageVolCreateXML(xml, 0));
                    LOG.info("Created volume '{}' in pool '{}' over '{}' on {}", name, pool, baseVolume, host.uri());
                } catch (org.libvirt.LibvirtException e) {
                    // Someone else may have made it meanwhile (a retry racing the first try): judge what is there.
                    existing = find(storagePool, name);
                    if (existing == null) {
                        throw e;
                    }
                    adopt(existing, operation, pool, name, baseVolume, basePath);
                }
            } finally {
                release(existing);
                release(base);
                release(storagePool);
            }
        });
    }

    /** An existing volume of that name is only the overlay asked for if it sits over the same base. */
    private void adopt(StorageVol existing, String operation, String pool, String name, String baseVolume,
                       String basePath) throws org.libvirt.LibvirtException {
        String backing = VolumeXml.backingPath(existing.getXMLDesc(0));
        if (!backing.equals(basePath)) {
            throw new LibvirtException(operation, subject(pool, name), host.uri(), LibvirtException.Reason.REFUSED,
                    "volume '" + name + "' already exists in pool " + LibvirtNames.quote(pool)
                            + " but is not an overlay over base volume " + LibvirtNames.quote(baseVolume) + " ("
                            + basePath + "); its backing store is '" + backing + "'");
        }
        LOG.info("Adopted existing volume '{}' in pool '{}' on {}", name, pool, host.uri());
    }

    @Override
    public void delete(String pool, String name) {
        requireNames(pool, name);
        host.run("delete", subject(pool, name), connect -> {
            StoragePool storagePool = findPool(connect, pool);
            if (storagePool == null) {
                LOG.warn("Pool '{}' does not exist on {}, so neither does volume '{}'", pool, host.uri(), name);
                return;
            }
            StorageVol volume = null;
            try {
                volume = find(storagePool, name);
                if (volume == null) {
                    return;
                }
                try {
                    volume.delete(0);
                    LOG.info("Deleted volume '{}' in pool '{}' on {}", name, pool, host.uri());
                } catch (org.libvirt.LibvirtException e) {
                    StorageVol again = find(storagePool, name);
                    if (again != null) {
                        release(again);
                        throw e;
                    }
                }
            } finally {
                release(volume);
                release(storagePool);
            }
        });
    }

    @Override
    public List<String> names(String pool) {
        LibvirtNames.requireGiven("pool name", pool);
        return host.call("list volumes of", "pool " + LibvirtNames.quote(pool), connect -> {
            StoragePool storagePool = connect.storagePoolLookupByName(pool);
            try {
                String[] names = storagePool.listVolumes();
                Arrays.sort(names);
                return List.of(names);
            } finally {
                release(storagePool);
            }
        });
    }

    @Override
    public String path(String pool, String name) {
        requireNames(pool, name);
        return host.call("read path of", subject(pool, name), connect -> {
            StoragePool storagePool = connect.storagePoolLookupByName(pool);
            StorageVol volume = null;
            try {
                volume = find(storagePool, name);
                if (volume == null) {
                    throw new LibvirtException("read path of", subject(pool, name), host.uri(),
                            LibvirtException.Reason.NOT_FOUND, "no such volume");
                }
                return volume.getPath();
            } finally {
                release(volume);
                release(storagePool);
            }
        });
    }

    private static void requirePositive(String name, long capacityBytes) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException(
                    "capacity of volume '" + name + "' must be positive, got " + capacityBytes + " bytes");
        }
    }

    private static void requireNames(String pool, String name) {
        LibvirtNames.requireGiven("pool name", pool);
        LibvirtNames.requireGiven("volume name", name);
    }

    private static String subject(String pool, String name) {
        return "volume " + LibvirtNames.quote(name) + " in pool " + LibvirtNames.quote(pool);
    }

    private static StoragePool findPool(Connect connect, String pool) throws org.libvirt.LibvirtException {
        try {
            return connect.storagePoolLookupByName(pool);
        } catch (org.libvirt.LibvirtException e) {
            if (LibvirtException.code(e) == ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The volume, or null when the pool has none of that name even after a refresh: libvirt only sees files put
     * into a pool's directory from outside (imported base images) once the pool is refreshed.
     */
    private StorageVol find(StoragePool pool, String name) throws org.libvirt.LibvirtException {
        StorageVol volume = lookup(pool, name);
        if (volume != null) {
            return volume;
        }
        try {
            pool.refresh(0);
        } catch (org.libvirt.LibvirtException e) {
            // A pool busy with a volume build refuses to refresh; the lookup below then answers as before.
            LOG.debug("Refreshing a pool on {} failed: {}", host.uri(), e.getMessage());
        }
        return lookup(pool, name);
    }

    private static StorageVol lookup(StoragePool pool, String name) throws org.libvirt.LibvirtException {
        try {
            return pool.storageVolLookupByName(name);
        } catch (org.libvirt.LibvirtException e) {
            if (LibvirtException.code(e) == ErrorNumber.VIR_ERR_NO_STORAGE_VOL) {
                return null;
            }
            throw e;
        }
    }

    /** Frees handles now rather than in a finalizer; the pool and volume themselves are not affected. */
    private static void release(StorageVol volume) {
        if (volume != null) {
            try {
                volume.free();
            } catch (org.libvirt.LibvirtException e) {
                LOG.debug("Freeing a volume handle failed", e);
            }
        }
    }

    private static void release(StoragePool pool) {
        try {
            pool.free();
        } catch (org.libvirt.LibvirtException e) {
            LOG.debug("Freeing a pool handle failed", e);
        }
    }
}
