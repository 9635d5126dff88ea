package org.udre.system.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libvirtd on this machine, started by the libvirt connector's host set-up (idempotent: it only does what is
 * missing). Needs root, as the set-up does.
 */
final class LibvirtDaemon {

    private static final Path SETUP = Path.of(System.getProperty("user.dir"))
            .resolve("../../connectors/libvirt/host-setup/setup-libvirt-host").normalize();

    private LibvirtDaemon() {
    }

    static synchronized void ensureRunning() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the crash tests start libvirtd and so need root; running as "
                    + System.getProperty("user.name"));
        }
        if (!Files.isExecutable(SETUP)) {
            throw new IllegalStateException(SETUP + " is missing or not executable");
        }
        try {
            // Its output goes to the test log, so a failed set-up shows what the script said.
            int exit = new ProcessBuilder(SETUP.toString()).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(SETUP + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + SETUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + SETUP, e);
        }
    }
}
