package org.udre.connectors.tsi.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user (and groups) a command runs as when the agent switches users, resolved from /etc/passwd and /etc/group the
 * way the TSI does: {@code NONE} = the user's OS groups, {@code DEFAULT_GID} = its primary group, a name = that group.
 * Like TSI 11.2.1 it adds a named supplementary group even if the user is not a member (clients guard against that).
 * Read from the files (the agent runs on a java.base-only runtime, without JNDI or native code).
 */
record UnixUser(String name, long uid, long gid, List<Long> groups, String home) {
    /** @throws AgentFailure with the TSI's texts for an unknown user or root */
    static UnixUser resolve(String user, String groupSpec) throws AgentFailure {
        String[] passwd = entry(Path.of("/etc/passwd"), user);
        if (passwd == null) {
            throw new AgentFailure("Attempted to run a task for an unknown user " + user);
        }
        long uid = Long.parseLong(passwd[2]);
        if (uid == 0) {
            throw new AgentFailure("Attempted to run a command as root " + user);
        }
        long primary = Long.parseLong(passwd[3]);
        Map<String, long[]> groupsByName = new java.util.HashMap<>();
        Set<Long> osGroups = new LinkedHashSet<>(List.of(primary));
        for (String line : lines(Path.of("/etc/group"))) {
            String[] f = line.split(":", -1);
            if (f.length < 4) {
                continue;
            }
            long gid = Long.parseLong(f[2]);
            boolean member = List.of(f[3].split(",")).contains(user);
            groupsByName.put(f[0], new long[] {gid, member || gid == primary ? 1 : 0});
            if (member) {
                osGroups.add(gid);
            }
        }
        String[] spec = groupSpec.split(":");
        long gid = primary;
        Set<Long> supplementary = new LinkedHashSet<>();
        if (spec[0].equals("NONE")) {
            supplementary.addAll(osGroups);
        } else if (!spec[0].equals("DEFAULT_GID")) {
            long[] g = groupsByName.get(spec[0]);
            if (g != null && g[1] == 1) {
                gid = g[0];
            }
        }
        for (int i = 1; i < spec.length; i++) {
            if (spec[i].equals("DEFAULT_GID")) {
                supplementary.addAll(osGroups);
            } else if (groupsByName.containsKey(spec[i])) {
                supplementary.add(groupsByName.get(spec[i])[0]);
            }
        }
        supplementary.add(gid);
        return new UnixUser(user, uid, gid, List.copyOf(supplementary), passwd[5]);
    }

    /** The home directory of any login (root included), or null if there is no such user. */
    static String homeOf(String user) {
        String[] passwd = entry(Path.of("/etc/passwd"), user);
        return passwd == null ? null : passwd[5];
    }

    /** The variables the TSI sets for the user (and substitutes for $HOME, $USER, $LOGNAME). */
    Map<String, String> environment() {
        return Map.of("HOME", home, "USER", name, "LOGNAME", name);
    }

    /** The prefix that runs a program as this user (util-linux setpriv; the agent itself stays root). */
    List<String> setpriv() {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid));
        argv.add("--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()));
        argv.add("--");
        return argv;
    }

    /** Whether the user may read ('r'), write ('w') or execute/search ('x') a file, judged from its mode bits. */
    boolean may(Map<String, Object> unixAttributes, char what) {
        int mode = (Integer) unixAttributes.get("mode");
        long owner = ((Integer) unixAttributes.get("uid")).longValue();
        long group = ((Integer) unixAttributes.get("gid")).longValue();
        int shift = owner == uid ? 6 : groups.contains(group) ? 3 : 0;
        int bit = what == 'r' ? 4 : what == 'w' ? 2 : 1;
        return (mode >> shift & bit) != 0;
    }

    private static String[] entry(Path file, String name) {
        for (String line : lines(file)) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && f[0].equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
