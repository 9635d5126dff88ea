package org.udre.connectors.libvirt;

import java.nio.file.Path;
import java.util.Map;

/** A host description for libvirt's test driver: 16 cores, 32 GiB, a pool "udre" holding base.qcow2, a network. */
final class TestHostDescription {

    static final int CORES = 16;
    static final long MEMORY_MIB = 32 * 1024;
    static final String POOL = "udre";
    static final String BASE = "base.qcow2";
    static final long BASE_BYTES = 1L << 30;
    static final String NETWORK = "udre-net";

    private TestHostDescription() {
    }

    /** Writes the description into {@code dir} and returns the URI that opens it. */
    static String writeInto(Path dir) {
        return new SimulatedHost(CORES, MEMORY_MIB, POOL, NETWORK, Map.of(BASE, BASE_BYTES))
                .writeTo(dir.resolve("host.xml"));
    }
}
