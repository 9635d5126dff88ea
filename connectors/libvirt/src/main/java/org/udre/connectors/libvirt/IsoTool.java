package org.udre.connectors.libvirt;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The ISO 9660 writer installed on this machine, run as a process: Debian's xorriso, or genisoimage. */
record IsoTool(Path executable, boolean xorriso) {

    static IsoTool find() {
        return find(System.getenv("PATH"));
    }

    /** @param path a search path as in the PATH variable */
    static IsoTool find(String path) {
        Path xorriso = onPath(path, "xorriso");
        if (xorriso != null) {
            return new IsoTool(xorriso, true);
        }
        Path genisoimage = onPath(path, "genisoimage");
        if (genisoimage != null) {
            return new IsoTool(genisoimage, false);
        }
        throw new IllegalStateException("cannot write a cloud-init seed: neither xorriso nor genisoimage is on the"
                + " PATH (" + path + "); install the Debian package xorriso");
    }

    private static Path onPath(String path, String name) {
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Joliet and Rock Ridge as cloud-init's own tools make seeds; every file in {@code content} at the root. */
    void write(Path content, String label, Path iso, long timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        if (xorriso) {
            command.addAll(List.of("-as", "mkisofs"));
        }
        command.addAll(List.of("-quiet", "-output", iso.toString(), "-volid", label, "-joliet", "-rock",
                content.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // xorriso then stamps every date in the image with this instant instead of the current time.
        builder.environment().put("SOURCE_DATE_EPOCH", "0");
        Process process = builder.start();
        byte[] output;
        try {
            output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(executable + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + executable + " wrote " + iso, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(executable + " failed with exit code " + process.exitValue()
                    + " writing " + iso + ": " + new String(output, StandardCharsets.UTF_8).strip());
        }
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
