package org.udre.connectors.tsi;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A fixed list of the logins jobs may run as, each with the group names it may ask for ({@code NONE} and
 * {@code DEFAULT_GID} are always allowed: they select the user's own OS groups). Group names are listed on purpose:
 * TSI 11.2.1 adds a requested supplementary group even when the user is not a member of it.
 *
 * @param groupsByUser login -> group names it may request
 */
public record UserAllowList(Map<String, Set<String>> groupsByUser) implements UserMapping {
    public UserAllowList {
        if (groupsByUser == null || groupsByUser.isEmpty()) {
            throw new IllegalArgumentException("the allow-list must name at least one user, got " + groupsByUser);
        }
        Map<String, Set<String>> copy = new TreeMap<>();
        groupsByUser.forEach((user, groups) -> {
            new Identity(user, "NONE");
            copy.put(user, Set.copyOf(new TreeSet<>(groups == null ? Set.of() : groups)));
        });
        groupsByUser = Map.copyOf(copy);
    }

    /** These logins, each with its OS groups only. */
    public static UserAllowList of(String... users) {
        Map<String, Set<String>> map = new TreeMap<>();
        for (String user : users) {
            map.put(user, Set.of());
        }
        return new UserAllowList(map);
    }

    @Override
    public String refusal(Identity who) {
        Set<String> groups = groupsByUser.get(who.user());
        if (groups == null) {
            return "user '" + who.user() + "' is not in the allow-list " + groupsByUser.keySet();
        }
        for (String group : who.namedGroups()) {
            if (!groups.contains(group)) {
                return "user '" + who.user() + "' may not use group '" + group + "' (allowed: " + groups + ")";
            }
        }
        return null;
    }
}
