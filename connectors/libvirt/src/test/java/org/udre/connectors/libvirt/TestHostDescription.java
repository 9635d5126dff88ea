package org.udre.connectors.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        String xml = """
                <node>
                  <cpu>
                    <nodes>1</nodes><sockets>1</sockets><cores>%d</cores><threads>1</threads>
                    <active>%d</active><mhz>2000</mhz><model>x86_64</model>
                  </cpu>
                  <memory>%d</memory>
                  <network>
                    <name>%s</name>
                    <bridge name='virbr9'/>
                    <forward/>
                    <ip address='10.9.0.1' netmask='255.255.255.0'>
                      <dhcp><range start='10.9.0.2' end='10.9.0.254'/></dhcp>
                    </ip>
                  </network>
                  <pool type='dir'>
                    <name>%s</name>
                    <target><path>/var/lib/udre/images</path></target>
                    <volume type='file'>
                      <name>%s</name>
                      <capacity unit='bytes'>%d</capacity>
                      <target><format type='qcow2'/></target>
                    </volume>
                  </pool>
                </node>
                """.formatted(CORES, CORES, MEMORY_MIB * 1024, NETWORK, POOL, BASE, BASE_BYTES);
        try {
            Path file = Files.writeString(dir.resolve("host.xml"), xml);
            return "test://" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
