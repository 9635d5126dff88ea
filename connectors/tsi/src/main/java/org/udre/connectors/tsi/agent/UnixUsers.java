package org.udre.connectors.tsi.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Looks users up in /etc/passwd (the agent runs on a java.base-only runtime, without JNDI or native code). */
final class UnixUsers {
    private UnixUsers() {
    }

    /** The home directory of a login, or null if there is no such user. */
    static String home(String user) {
        String[] entry = entry(user);
        return entry == null ? null : entry[5];
    }

    private static String[] entry(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":", -1);
                if (f.length >= 7 && f[0].equals(user)) {
                    return f;
                }
            }
        } catch (IOException ignored) {
            // no passwd file: no users
        }
        return null;
    }
}
