package org.udre.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes this machine a real libvirt host for the profile "real" (application-real.yml), with the two scripts of the
 * source tree: {@code setup-libvirt-host} (packages, libvirtd, the NAT network and storage pool "udre", the console
 * log directory) and {@code build-guest-image --install-into-pool udre} (udre-guest's kernel, initramfs and base
 * volume). Both are idempotent and cached, so a second run costs seconds; both need root. The real-VM system tests
 * prepare the machine with it too, so that they test the host the demo runs on.
 */
public final class RealHostSetup {

    /** Set by bin/udre to the checkout it runs from; the scripts are not inside the engine's jar. */
    static final String SOURCE_DIR_VARIABLE = "UDRE_SOURCE_DIR";
    static final String POOL = "udre";
    private static final Path SETUP_HOST = Path.of("connectors/libvirt/host-setup/setup-libvirt-host");
    private static final Path BUILD_IMAGE = Path.of("saas-catalog/guest-image/build-guest-image");

    private final PrintStream out;

    public RealHostSetup(PrintStream out) {
        this.out = out;
    }

    /** @throws IllegalStateException saying what is missing or which script failed */
    public void run() {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            throw new IllegalStateException("--real makes this machine a libvirt host (packages, libvirtd, network and"
                    + " storage pool \"udre\") and builds the guest image, which needs root; running as '" + user
                    + "'. Run it as root, e.g. sudo engine/bin/udre demo --real");
        }
        Path source = sourceTree().orElseThrow(() -> new IllegalStateException("--real needs UDRE's source tree for "
                + SETUP_HOST + " and " + BUILD_IMAGE + ": run it through engine/bin/udre or from the checkout, or"
                + " set " + SOURCE_DIR_VARIABLE + " to the checkout"));
        step("host set-up", List.of(source.resolve(SETUP_HOST).toString()));
        step("guest image", List.of(source.resolve(BUILD_IMAGE).toString(), "--install-into-pool", POOL));
    }

    private static Optional<Path> sourceTree() {
        String configured = System.getenv(SOURCE_DIR_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(RealHostSetup::holdsScripts);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (holdsScripts(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static boolean holdsScripts(Path dir) {
        return Files.isExecutable(dir.resolve(SETUP_HOST)) && Files.isExecutable(dir.resolve(BUILD_IMAGE));
    }

    /** The scripts speak for themselves, line by line, on this process's output. */
    private void step(String what, List<String> command) {
        Instant begin = Instant.now();
        int exit;
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).inheritIO().start();
            exit = process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit
                    + "; its output above says why");
        }
        out.printf("UDRE: %s ready in %s%n", what, JobRun.seconds(Duration.between(begin, Instant.now())));
    }
}
