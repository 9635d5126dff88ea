package org.udre.connectors.tsi;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a command runs as on the TSI host: the {@code #TSI_IDENTITY <user> <groups>} line of every message.
 *
 * @param user   the Unix login
 * @param groups the TSI's group specification: {@code NONE} (the user's OS groups), {@code DEFAULT_GID}, or
 *               {@code primary[:supplementary...]} with group names or {@code DEFAULT_GID}, separated by ':'
 */
public record Identity(String user, String groups) {
    // One token each: a blank or line break would let a value add words or lines to the identity line.
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");
    private static final Pattern GROUPS = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.$-]*(:[A-Za-z0-9_][A-Za-z0-9_.$-]*)*");

    public Identity {
        if (user == null || !USER.matcher(user).matches() || user.length() > 64) {
            throw new IllegalArgumentException("user must be a Unix login name, got '" + user + "'");
        }
        if (groups == null || !GROUPS.matcher(groups).matches()) {
            throw new IllegalArgumentException("groups must be NONE, DEFAULT_GID or group names joined by ':', got '" + groups + "'");
        }
    }

    /** The user with the groups the OS gives it ({@code NONE}), as UNICORE/X sends by default. */
    public static Identity of(String user) {
        return new Identity(user, "NONE");
    }

    /** The group names this identity asks for, without the keywords NONE and DEFAULT_GID. */
    public List<String> namedGroups() {
        return Arrays.stream(groups.split(":"))
                .filter(g -> !g.equals("NONE") && !g.equals("DEFAULT_GID"))
                .toList();
    }

    /** The text after {@code #TSI_IDENTITY }. */
    @Override
    public String toString() {
        return user + " " + groups;
    }
}
