package org.udre.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.udre.connectors.libvirt.SimulatedHost;

/** Simulated hosts for the system tests: each in a temporary file, with a pool "udre" and a network "default". */
final class SimulatedHosts {

    private SimulatedHosts() {
    }

    /** Writes the description into a new temporary file and returns the URI that opens it. */
    static String describe(String name, int cores, long memoryMiB) {
        try {
            Path file = Files.createTempFile("udre-" + name + "-", ".xml");
            file.toFile().deleteOnExit();
            return new SimulatedHost(cores, memoryMiB, "udre", "default").writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
