package org.udre.connectors.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Volumes} through libvirt-java. */
final class LibvirtVolumes implements Volumes {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtVolumes.class);
    /** libvirt's format names are short lower-case words: raw, qcow2, vmdk, ... */
    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final int CHUNK = 256 * 1024;

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
    public void upload(String pool, String name, Path source, String format) {
        LibvirtNames.requireGiven("pool name", pool);
        LibvirtNames.require("volume name", name);
        if (format == null || !ImageFormat.UPLOADABLE.contains(format)) {
            throw new IllegalArgumentException("format of volume '" + name + "' " + (format == null ? "is missing"
                    : LibvirtNames.quote(format) + " is not one of " + String.join(", ",
                    ImageFormat.UPLOADABLE.stream().sorted().toList())));
        }
        long size = requireUploadable(name, source);
        String operation = "upload " + source + " as";
        String actual = ImageFormat.of(source);
        if (!ImageFormat.fits(format, actual)) {
            throw new LibvirtException(operation, subject(pool, name), host.uri(), LibvirtException.Reason.REFUSED,
                    "the file is " + actual + ", not " + format);
        }
        host.run(operation, subject(pool, name), connect -> {
            StoragePool storagePool = connect.storagePoolLookupByName(pool);
            StorageVol existing = null;
            try {
                existing = find(storagePool, name);
                if (existing != null) {
                    if (!sameContent(connect, existing, source, size)) {
                        throw new LibvirtException(operation, subject(pool, name), host.uri(),
                                LibvirtException.Reason.REFUSED, "volume '" + name + "' already exists in pool "
                                + LibvirtNames.quote(pool) + " with other content");
                    }
                    LOG.info("Adopted existing volume '{}' in pool '{}' on {}: same bytes as {}", name, pool,
                            host.uri(), source);
                    return;
                }
                // Made as raw bytes of the file's size: the file brings its own format, which libvirt reads from
                // it on the pool refresh after the upload (a qcow2 made by libvirt would only be overwritten).
                StorageVol created = storagePool.storageVolCreateXML(VolumeXml.empty(name, size, "raw"), 0);
                try {
                    send(connect, created, source, size);
                } catch (RuntimeException | org.libvirt.LibvirtException e) {
                    deleteAfterFailedUpload(created, pool, name);
                    throw e;
                } finally {
                    release(created);
                }
                refreshQuietly(storagePool);
                LOG.info("Uploaded {} ({} bytes, {}) as volume '{}' in pool '{}' on {}", source, size, actual, name,
                        pool, host.uri());
            } finally {
                release(existing);
                release(storagePool);
            }
        });
    }

    private static long requireUploadable(String name, Path source) {
        if (source == null) {
            throw new IllegalArgumentException("source file of volume '" + name + "' is missing");
        }
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new IllegalArgumentException("source file " + LibvirtNames.quote(source.toString())
                    + " of volume '" + name + "' is not a readable regular file");
        }
        try {
            long size = Files.size(source);
            if (size == 0) {
                throw new IllegalArgumentException("source file " + LibvirtNames.quote(source.toString())
                        + " of volume '" + name + "' is empty");
            }
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + source, e);
        }
    }

    private static void send(Connect connect, StorageVol volume, Path source, long size)
            throws org.libvirt.LibvirtException {
        Stream stream = connect.streamNew(0);
        boolean finished = false;
        try {
            volume.upload(stream, 0, size, 0);
            try (InputStream in = Files.newInputStream(source)) {
                byte[] chunk = new byte[CHUNK];
                for (int read = in.read(chunk); read > 0; read = in.read(chunk)) {
                    ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
                    while (buffer.hasRemaining()) {
                        stream.write(buffer);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot send " + source, e);
            }
            stream.finish();
            finished = true;
        } finally {
            if (!finished) {
                abortQuietly(stream);
            }
            freeQuietly(stream);
        }
    }

    /** Reads the volume back through the stream API; one byte more than the file is asked for, to see a longer one. */
    private static boolean sameContent(Connect connect, StorageVol volume, Path source, long size)
            throws org.libvirt.LibvirtException {
        Stream stream = connect.streamNew(0);
        boolean same = true;
        try (InputStream in = Files.newInputStream(source)) {
            volume.download(stream, 0, size + 1, 0);
            byte[] theirs = new byte[CHUNK];
            long seen = 0;
            for (int got = stream.receive(theirs); got > 0; got = stream.receive(theirs)) {
                seen += got;
                if (seen > size || !Arrays.equals(in.readNBytes(got), 0, got, theirs, 0, got)) {
                    same = false;
                    break;
                }
            }
            same = same && seen == size;
            if (same) {
                stream.finish();
            }
            return same;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        } finally {
            if (!same) {
                abortQuietly(stream);
            }
            freeQuietly(stream);
        }
    }

    private void deleteAfterFailedUpload(StorageVol volume, String pool, String name) {
        try {
            volume.delete(0);
        } catch (org.libvirt.LibvirtException e) {
            LOG.warn("Volume '{}' in pool '{}' on {} is left after a failed upload: {}", name, pool, host.uri(),
                    e.getMessage());
        }
    }

    private void refreshQuietly(StoragePool pool) {
        try {
            pool.refresh(0);
        } catch (org.libvirt.LibvirtException e) {
            LOG.debug("Refreshing a pool on {} after an upload failed: {}", host.uri(), e.getMessage());
        }
    }

    private static void abortQuietly(Stream stream) {
        try {
            stream.abort();
        } catch (org.libvirt.LibvirtException e) {
            LOG.debug("Aborting a libvirt stream failed", e);
        }
    }

    private static void freeQuietly(Stream stream) {
        try {
            stream.free();
        } catch (org.libvirt.LibvirtException e) {
            LOG.debug("Freeing a libvirt stream failed", e);
        }
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
        return find(pool, name, host.uri());
    }

    static StorageVol find(StoragePool pool, String name, String uri) throws org.libvirt.LibvirtException {
        StorageVol volume = lookup(pool, name);
        if (volume != null) {
            return volume;
        }
        try {
            pool.refresh(0);
        } catch (org.libvirt.LibvirtException e) {
            // A pool busy with a volume build refuses to refresh; the lookup below then answers as before.
            LOG.debug("Refreshing a pool on {} failed: {}", uri, e.getMessage());
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
