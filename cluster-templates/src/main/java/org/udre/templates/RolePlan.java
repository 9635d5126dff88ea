package org.udre.templates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One role of a cluster's plan: its template role, the indices of its members, and how far its indices and its
 * replacements have gone. A node is named {@code <cluster>-<role>-<index>}; indices count up from 0 and are never
 * used twice, so a name, once used, always meant the same node (what was torn down is not confused with what is
 * started later).
 *
 * <p>Indices are zero-padded to one digit more than {@code max} has, and to at least 3 digits ({@code max} 128: 4
 * digits, {@code mpi-compute-0007}), so names sort like their indices until a role has used ten times its maximum;
 * past that an index simply has more digits. Lists this class gives are always in index order.
 *
 * @param members          indices of the nodes the role should have now
 * @param nextIndex        the lowest index never used; every index below it has been used
 * @param replacementsUsed failed nodes replaced so far
 */
public record RolePlan(String cluster, Role role, IndexRanges members, int nextIndex, int replacementsUsed) {

    /** Host names allow 63 characters per label; node names are host names. */
    static final int LONGEST_NAME = 63;

    public RolePlan {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(members, "members");
        if (nextIndex < 0) {
            throw new IllegalArgumentException("next index of role " + role.name() + " must not be negative, was "
                    + nextIndex);
        }
        if (members.highest() >= nextIndex) {
            throw new IllegalArgumentException("role " + role.name() + " has member index " + members.highest()
                    + " at or past its next index " + nextIndex);
        }
        if (members.size() < role.min() || members.size() > role.max()) {
            throw new IllegalArgumentException("role " + role.name() + " must have " + role.min() + ".." + role.max()
                    + " members, has " + members.size());
        }
        if (replacementsUsed < 0 || replacementsUsed > role.maxReplacements()) {
            throw new IllegalArgumentException("role " + role.name() + " may replace 0.." + role.maxReplacements()
                    + " nodes, has replaced " + replacementsUsed);
        }
    }

    public String name() {
        return role.name();
    }

    /** How many nodes the role should have now. */
    public int count() {
        return members.size();
    }

    /** Names of the nodes the role should have now, in index order. */
    public List<String> memberNames() {
        return members.indices().mapToObj(this::nodeName).toList();
    }

    /** The name of this role's node with that index. */
    public String nodeName(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        String digits = Integer.toString(index);
        int width = indexWidth(role.max());
        return cluster + "-" + role.name() + "-" + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    static int indexWidth(int max) {
        return Math.max(3, Integer.toString(max).length() + 1);
    }

    /** How many nodes must be ready for the role to count as ready: its quorum, or every node when it has fewer. */
    public int quorum() {
        return Math.min(role.minReady(), count());
    }

    /** How long the role has to reach its quorum, from the start of its first node. */
    public Duration readyWithin() {
        return role.readyWithin();
    }

    /** The members in start batches: index order, at most {@code maxBatch} in each. */
    public List<List<String>> batches() {
        return batches(memberNames());
    }

    /** Any of the role's nodes, e.g. those a scaling adds, in batches of at most {@code maxBatch}, in given order. */
    public List<List<String>> batches(List<String> names) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < names.size(); from += role.maxBatch()) {
            batches.add(List.copyOf(names.subList(from, Math.min(names.size(), from + role.maxBatch()))));
        }
        return batches;
    }

    public int replacementsLeft() {
        return role.maxReplacements() - replacementsUsed;
    }

    /**
     * Every name this role has ever used, members or not, in index order: what a teardown of the whole cluster
     * makes sure is gone (removing what is already gone counts as done).
     */
    public List<String> namesEverUsed() {
        return IntStream.range(0, nextIndex).mapToObj(this::nodeName).toList();
    }
}
