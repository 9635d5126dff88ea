package org.udre.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a cluster should consist of: its template, and per role the members it should have now, in the order the
 * roles start. Immutable: {@link #scale} and {@link #replace} return the next plan, so an engine that stores the plan
 * (see {@link #toJson()}) and retries a step computes the same names again instead of a second set.
 *
 * <p>Compact whatever the size: per role, the members are {@link IndexRanges}, plus the next index and the number
 * of replacements used; names are computed when asked for.
 *
 * @param cluster the cluster's name: lower-case letters, digits and '-', starting with a letter, not ending with '-';
 *                the first part of every node name
 * @param roles   in start order: each after its parents, and among roles free to start the one declared first
 */
public record ClusterPlan(String cluster, ClusterTemplate template, List<RolePlan> roles) {

    /** Node names are {@code <cluster>-<role>-<index>} and must be host names. */
    static final Pattern CLUSTER_NAME = Pattern.compile("^[a-z]([a-z0-9-]*[a-z0-9])?$");

    private static final Pattern NODE_NAME = Pattern.compile("^(.+)-([a-z][a-z0-9]*)-([0-9]+)$");

    public ClusterPlan {
        requireClusterName(cluster);
        Objects.requireNonNull(template, "template");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        List<Role> order = template.startOrder();
        if (!roles.stream().map(RolePlan::role).toList().equals(order)) {
            throw new IllegalArgumentException("the plan's roles must be the template's, in start order ("
                    + order.stream().map(Role::name).collect(Collectors.joining(", ")) + "), were "
                    + roles.stream().map(RolePlan::name).collect(Collectors.joining(", ")));
        }
        for (RolePlan role : roles) {
            if (!role.cluster().equals(cluster)) {
                throw new IllegalArgumentException("role " + role.name() + " belongs to cluster " + role.cluster()
                        + ", not " + cluster);
            }
        }
    }

    /**
     * The plan for a new cluster of this template: each role with {@code count} members, indices 0 to count - 1.
     *
     * @throws IllegalArgumentException when the cluster name is not a host name, or would make node names longer
     *                                  than the 63 characters a host name may have
     */
    public static ClusterPlan plan(ClusterTemplate template, String cluster) {
        Objects.requireNonNull(template, "template");
        requireClusterName(cluster);
        List<RolePlan> roles = new ArrayList<>();
        for (Role role : template.startOrder()) {
            RolePlan plan = new RolePlan(cluster, role, IndexRanges.range(0, role.count()), role.count(), 0);
            String longest = plan.nodeName(0);
            if (longest.length() > RolePlan.LONGEST_NAME) {
                throw new IllegalArgumentException("cluster name \"" + cluster + "\" is too long: node names such as "
                        + longest + " would have " + longest.length() + " characters, and host names may have "
                        + RolePlan.LONGEST_NAME);
            }
            roles.add(plan);
        }
        return new ClusterPlan(cluster, template, roles);
    }

    private static void requireClusterName(String cluster) {
        Objects.requireNonNull(cluster, "cluster name");
        if (!CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("cluster name must be lower-case letters, digits and '-', start with"
                    + " a letter and not end with '-'; was \"" + cluster + "\"");
        }
    }

    /** @throws IllegalArgumentException listing the roles when there is none of that name */
    public RolePlan role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(unknownRole(name)));
    }

    /** The roles in the order they are torn down: the start order reversed, so children go before their parents. */
    public List<RolePlan> teardownOrder() {
        List<RolePlan> reversed = new ArrayList<>(roles);
        Collections.reverse(reversed);
        return reversed;
    }

    /** How many nodes the cluster should have now. */
    public int nodeCount() {
        return roles.stream().mapToInt(RolePlan::count).sum();
    }

    /** The result of {@link #scale}: the next plan, and the nodes to start and to tear down to get there. */
    public record Scaling(ClusterPlan plan, List<String> added, List<String> removed) {
        public Scaling {
            Objects.requireNonNull(plan, "plan");
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    /**
     * Changes a role's count. Growing adds the next indices never used before; shrinking removes the members with
     * the highest indices first.
     *
     * @throws PlanChangeRefusedException when there is no such role, or {@code count} is outside the role's min..max
     */
    public Scaling scale(String roleName, int count) {
        RolePlan role = changeable(roleName);
        Role spec = role.role();
        if (count < spec.min() || count > spec.max()) {
            throw new PlanChangeRefusedException("role " + roleName + " of cluster " + cluster + " may have "
                    + spec.min() + " to " + spec.max() + " nodes (its min and max); asked for " + count);
        }
        int change = count - role.count();
        if (change > 0) {
            int from = role.nextIndex();
            RolePlan grown = new RolePlan(cluster, spec, role.members().with(from, from + change), from + change,
                    role.replacementsUsed());
            requireShortEnough(grown, from + change - 1);
            List<String> added = new ArrayList<>();
            for (int index = from; index < from + change; index++) {
                added.add(grown.nodeName(index));
            }
            return new Scaling(with(grown), added, List.of());
        }
        if (change < 0) {
            IndexRanges kept = role.members().withoutHighest(-change);
            // Highest first: the order they are torn down in.
            List<String> removed = role.members().indices().filter(index -> !kept.contains(index))
                    .mapToObj(role::nodeName).collect(Collectors.toCollection(ArrayList::new));
            Collections.reverse(removed);
            RolePlan shrunk = new RolePlan(cluster, spec, kept, role.nextIndex(), role.replacementsUsed());
            return new Scaling(with(shrunk), List.of(), removed);
        }
        return new Scaling(this, List.of(), List.of());
    }

    /** The result of {@link #replace}: the next plan, the failed node it no longer has and the node started instead. */
    public record Replacement(ClusterPlan plan, String removed, String added) {
        public Replacement {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(removed, "removed");
            Objects.requireNonNull(added, "added");
        }
    }

    /**
     * Replaces a failed member by a node with a fresh index (the failed one's index is never used again), and counts
     * the replacement against its role's {@code maxReplacements}.
     *
     * @throws PlanChangeRefusedException when the node is not a member of this cluster (for example because it was
     *                                    replaced already), or its role has used up its replacements
     */
    public Replacement replace(String nodeName) {
        NodeRef node = locate(nodeName).orElseThrow(() -> new PlanChangeRefusedException("\"" + nodeName
                + "\" is not a node name of cluster " + cluster));
        RolePlan role = role(node.role());
        if (!role.members().contains(node.index())) {
            throw new PlanChangeRefusedException("node " + nodeName + " is not a member of cluster " + cluster
                    + " (it was replaced or removed already, or never started); members of role " + role.name()
                    + ": " + role.members());
        }
        if (role.replacementsLeft() == 0) {
            throw new PlanChangeRefusedException("role " + role.name() + " of cluster " + cluster + " has replaced "
                    + role.replacementsUsed() + " failed nodes, its limit (maxReplacements); " + nodeName
                    + " is not replaced");
        }
        int fresh = role.nextIndex();
        RolePlan next = new RolePlan(cluster, role.role(), role.members().without(node.index()).with(fresh, fresh + 1),
                fresh + 1, role.replacementsUsed() + 1);
        requireShortEnough(next, fresh);
        return new Replacement(with(next), nodeName, next.nodeName(fresh));
    }

    /** A node of a cluster, named by its role and index. */
    public record NodeRef(String role, int index) {
    }

    /**
     * The role and index a node name of this cluster stands for, whether the node is a member now or not; empty
     * when the name is not one this plan's naming makes (another cluster's, a role this cluster does not have, or an
     * index spelt with other padding).
     */
    public Optional<NodeRef> locate(String nodeName) {
        Matcher m = NODE_NAME.matcher(nodeName);
        if (!m.matches() || !m.group(1).equals(cluster)) {
            return Optional.empty();
        }
        Optional<RolePlan> role = roles.stream().filter(r -> r.name().equals(m.group(2))).findFirst();
        if (role.isEmpty()) {
            return Optional.empty();
        }
        int index;
        try {
            index = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return role.get().nodeName(index).equals(nodeName) ? Optional.of(new NodeRef(role.get().name(), index))
                : Optional.empty();
    }

    /**
     * The facts a script sees, for the members that are ready: each member in {@code addresses}, by role in start
     * order, then by index, with the template's parameter values.
     *
     * @param addresses address of each member the scripts should see, by node name; members left out are not listed
     * @throws IllegalArgumentException when a name in {@code addresses} is not a member
     */
    public ClusterFacts facts(Map<String, String> addresses) {
        Map<String, String> unused = new HashMap<>(addresses);
        List<ClusterFacts.Member> members = new ArrayList<>();
        for (RolePlan role : roles) {
            role.members().indices().forEach(index -> {
                String name = role.nodeName(index);
                String address = unused.remove(name);
                if (address != null) {
                    members.add(new ClusterFacts.Member(role.name(), name, index, address));
                }
            });
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("not members of cluster " + cluster + ": "
                    + unused.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        return new ClusterFacts(cluster, template.values(), members);
    }

    /** This plan as compact JSON, for storing between steps; {@link #fromJson} reads it back. */
    public String toJson() {
        return PlanJson.write(this);
    }

    /**
     * Reads what {@link #toJson} wrote. The template in it is validated again, without asking a catalogue: a stored
     * plan must stay readable when the catalogue changes.
     *
     * @throws IllegalArgumentException when the text is not a plan this version wrote
     */
    public static ClusterPlan fromJson(String json) {
        return PlanJson.read(json);
    }

    private RolePlan changeable(String roleName) {
        return roles.stream().filter(r -> r.name().equals(roleName)).findFirst()
                .orElseThrow(() -> new PlanChangeRefusedException(unknownRole(roleName)));
    }

    private String unknownRole(String name) {
        return "cluster " + cluster + " has no role \"" + name + "\"; roles: "
                + roles.stream().map(RolePlan::name).collect(Collectors.joining(", "));
    }

    private static void requireShortEnough(RolePlan role, int index) {
        String name = role.nodeName(index);
        if (name.length() > RolePlan.LONGEST_NAME) {
            throw new PlanChangeRefusedException("role " + role.name() + " has used so many indices that the next"
                    + " node name, " + name + ", would be longer than the " + RolePlan.LONGEST_NAME
                    + " characters a host name may have; start a new cluster");
        }
    }

    private ClusterPlan with(RolePlan changed) {
        return new ClusterPlan(cluster, template,
                roles.stream().map(r -> r.name().equals(changed.name()) ? changed : r).toList());
    }
}
