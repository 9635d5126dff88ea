package org.udre.connectors.tsi.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Looks at the host's processes directly, to check what the agent claims about jobs. */
public final class JobProcesses {
    private JobProcesses() {
    }

    /** Command lines of every live process that mentions {@code text}. */
    public static List<String> mentioning(String text) {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                        continue;
                    }
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        found.add(cmdline);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
