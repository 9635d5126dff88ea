package org.udre.connectors.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This machine as a real libvirt host for the tests tagged {@code real-vms}: runs the host set-up and the guest
 * image build (both idempotent and cached, so a second run costs seconds) and connects to qemu:///system.
 * Needs root, as both scripts do.
 */
final class RealHost {

    static final String URI = "qemu:///system";
    static final String POOL = "udre";
    static final String NETWORK = "udre";

    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Path SETUP = MODULE.resolve("host-setup/setup-libvirt-host");
    private static final Path BUILD = MODULE.resolve("../../saas-catalog/guest-image/build-guest-image").normalize();

    private static boolean prepared;

    private RealHost() {
    }

    static synchronized LibvirtHost prepare() {
        if (!prepared) {
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("the real-vms tests run the host set-up and so need root; running as "
                        + System.getProperty("user.name"));
            }
            run(List.of(SETUP.toString()));
            run(List.of(BUILD.toString(), "--install-into-pool", POOL));
            prepared = true;
        }
        return LibvirtHost.connect(URI);
    }

    /** Output goes to the test log, so a failed set-up shows what the script said. */
    private static void run(List<String> command) {
        try {
            if (!Files.isExecutable(Path.of(command.get(0)))) {
                throw new IllegalStateException(command.get(0) + " is missing or not executable");
            }
            Process process = new ProcessBuilder(command).inheritIO().start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
