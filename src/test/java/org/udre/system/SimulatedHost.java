package org.udre.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host description for libvirt's test driver: so many cores and so much memory, an empty dir pool "udre" and a NAT
 * network "default". Each engine opens such a host once and keeps it, so every engine gets a host of its own.
 */
final class SimulatedHost {

    private SimulatedHost() {
    }

    /** Writes the description into a new temporary file and returns the URI that opens it. */
    static String describe(String name, int cores, long memoryMiB) {
        String xml = """
                <node>
                  <cpu>
                    <nodes>1</nodes><sockets>1</sockets><cores>%d</cores><threads>1</threads>
                    <active>%d</active><mhz>2000</mhz><model>x86_64</model>
                  </cpu>
                  <memory>%d</memory>
                  <network>
                    <name>default</name>
                    <bridge name='virbr0'/>
                    <forward/>
                    <ip address='192.168.122.1' netmask='255.255.255.0'>
                      <dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp>
                    </ip>
                  </network>
                  <pool type='dir'>
                    <name>udre</name>
                    <target><path>/var/lib/udre/pool</path></target>
                  </pool>
                </node>
                """.formatted(cores, cores, memoryMiB * 1024);
        try {
            Path file = Files.createTempFile("udre-" + name + "-", ".xml");
            Files.writeString(file, xml);
            file.toFile().deleteOnExit();
            return "test://" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
