package org.udre.templates;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One role of a cluster template: a set of nodes made from one image, of one size.
 *
 * @param parents         roles that must reach their quorum before any node of this one starts
 * @param minReady        quorum: how many nodes must be ready for the role to count as ready
 * @param readyWithin     deadline for the quorum, from the start of the role's first node
 * @param maxBatch        most nodes started (or added, or replaced) at once
 * @param min             fewest nodes the role may be scaled down to
 * @param max             most nodes the role may be scaled up to
 * @param maxReplacements how many failed nodes are replaced by fresh ones over the cluster's life
 * @param scripts         run through the TSI of every node of the role once the cluster is up, in this order
 */
public record Role(String name, ImageChoice image, Size size, int count, List<String> parents, int minReady,
        Duration readyWithin, int maxBatch, int min, int max, int maxReplacements, List<Script> scripts) {

    /**
     * Lower-case letters and digits: role names are part of node names ({@code <cluster>-<role>-<index>}), which
     * are host names, and a '-' would let {@code a-b} + {@code c} and {@code a} + {@code b-c} collide. The JSON
     * Schema's {@code roleName} uses the same expression (a test holds them equal).
     */
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9]{0,19}$");

    /** Most nodes in one role; the schema's bound for count, min and max. */
    static final int MOST_NODES = 10000;

    /** Boots at once when a template says nothing: enough to start quickly, few enough not to flood a host. */
    static final int DEFAULT_MAX_BATCH = 16;

    static final int DEFAULT_MAX_REPLACEMENTS = 3;

    public Role {
        Objects.requireNonNull(name, "role name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("role name must be a lower-case letter followed by at most 19"
                    + " lower-case letters and digits, was \"" + name + "\"");
        }
        Objects.requireNonNull(image, "image of role " + name);
        Objects.requireNonNull(size, "size of role " + name);
        requireWithin(name, "count", count, 0, MOST_NODES);
        parents = List.copyOf(Objects.requireNonNull(parents, "parents of role " + name));
        if (new HashSet<>(parents).size() != parents.size()) {
            throw new IllegalArgumentException("role " + name + " lists a parent twice: " + parents);
        }
        requireWithin(name, "minReady", minReady, 0, count);
        Objects.requireNonNull(readyWithin, "readyWithin of role " + name);
        if (readyWithin.isNegative() || readyWithin.isZero()) {
            throw new IllegalArgumentException("readyWithin of role " + name + " must be positive, was " + readyWithin);
        }
        requireWithin(name, "maxBatch", maxBatch, 1, MOST_NODES);
        requireWithin(name, "max", max, 1, MOST_NODES);
        requireWithin(name, "min", min, 0, max);
        requireWithin(name, "count", count, min, max);
        requireWithin(name, "maxReplacements", maxReplacements, 0, MOST_NODES);
        scripts = List.copyOf(Objects.requireNonNull(scripts, "scripts of role " + name));
        Set<String> scriptNames = new HashSet<>();
        for (Script script : scripts) {
            if (!scriptNames.add(script.name())) {
                throw new IllegalArgumentException("role " + name + " has two scripts named " + script.name());
            }
        }
    }


    private static void requireWithin(String role, String what, int value, int least, int most) {
        if (value < least || value > most) {
            throw new IllegalArgumentException(what + " of role " + role + " must be " + least + ".." + most
                    + ", was " + value);
        }
    }
}
