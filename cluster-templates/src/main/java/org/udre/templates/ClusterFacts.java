package org.udre.templates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a cluster's scripts may know about it once it is up, besides the template's parameters:
 *
 * <table>
 * <caption>facts</caption>
 * <tr><td>{@code {{cluster.name}}}</td><td>the cluster's name</td></tr>
 * <tr><td>{@code {{members}}}, {@code {{addresses}}}</td><td>every member's name, or address, by role in start order,
 * then by index</td></tr>
 * <tr><td>{@code {{role.<role>.members}}}, {@code {{role.<role>.addresses}}}</td><td>the same for one role, in the
 * same order, so the n-th address belongs to the n-th name</td></tr>
 * <tr><td>{@code {{node.name}}}, {@code {{node.index}}}, {@code {{node.role}}}, {@code {{node.address}}}</td><td>the
 * node the script runs on</td></tr>
 * </table>
 *
 * @param members the nodes the scripts should see, normally those that are ready, in the order the facts list
 *                them (see {@link ClusterPlan#facts})
 */
public record ClusterFacts(String cluster, Map<String, String> parameters, List<Member> members) {

    /** One member of the cluster as scripts see it. */
    public record Member(String role, String name, int index, String address) {
        public Member {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
            if (index < 0) {
                throw new IllegalArgumentException("index must not be negative, was " + index);
            }
            Objects.requireNonNull(address, "address of " + name);
            if (address.isBlank()) {
                throw new IllegalArgumentException("address of " + name + " must not be blank");
            }
        }
    }

    private static final List<String> CLUSTER_FACTS = List.of("cluster.name", "members", "addresses");
    private static final List<String> NODE_FACTS = List.of("node.name", "node.index", "node.role", "node.address");
    private static final List<String> ROLE_FACTS = List.of("members", "addresses");

    public ClusterFacts {
        Objects.requireNonNull(cluster, "cluster");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        Set<String> names = new HashSet<>();
        for (Member member : members) {
            if (!names.add(member.name())) {
                throw new IllegalArgumentException("member " + member.name() + " is listed twice");
            }
        }
    }

    /**
     * Why {@code {{name}}} means nothing in a script of a template with these parameters and roles; empty when it
     * names a parameter or a fact.
     */
    static Optional<String> problem(String name, Collection<String> parameters, Collection<String> roles) {
        if (parameters.contains(name) || CLUSTER_FACTS.contains(name) || NODE_FACTS.contains(name)) {
            return Optional.empty();
        }
        String[] parts = name.split("\\.");
        if (parts.length == 3 && parts[0].equals("role") && ROLE_FACTS.contains(parts[2])) {
            return roles.contains(parts[1]) ? Optional.empty() : Optional.of("refers to {{" + name
                    + "}}, but the template has no role \"" + parts[1] + "\"; roles: " + String.join(", ", roles));
        }
        List<String> known = new ArrayList<>(parameters);
        known.addAll(CLUSTER_FACTS);
        known.addAll(NODE_FACTS);
        known.add("role.<role>.members");
        known.add("role.<role>.addresses");
        return Optional.of("refers to {{" + name + "}}, which is neither a parameter nor a cluster fact; known: "
                + String.join(", ", known));
    }

    /**
     * The values {@code {{name}}} stands for in a script running on {@code node}: one for a parameter or a node fact,
     * one per member for a list.
     *
     * @throws IllegalArgumentException when {@code name} is neither a parameter nor a fact
     */
    List<String> resolve(String name, Member node) {
        String parameter = parameters.get(name);
        if (parameter != null) {
            return List.of(parameter);
        }
        switch (name) {
            case "cluster.name":
                return List.of(cluster);
            case "members":
                return members.stream().map(Member::name).toList();
            case "addresses":
                return members.stream().map(Member::address).toList();
            case "node.name":
                return List.of(node.name());
            case "node.index":
                return List.of(Integer.toString(node.index()));
            case "node.role":
                return List.of(node.role());
            case "node.address":
                return List.of(node.address());
            default:
                break;
        }
        String[] parts = name.split("\\.");
        if (parts.length == 3 && parts[0].equals("role") && ROLE_FACTS.contains(parts[2])) {
            boolean names = parts[2].equals("members");
            return members.stream().filter(m -> m.role().equals(parts[1]))
                    .map(m -> names ? m.name() : m.address()).toList();
        }
        throw new IllegalArgumentException("{{" + name + "}} is neither a parameter nor a cluster fact");
    }

    /** @throws IllegalArgumentException when no member has that name */
    Member member(String nodeName) {
        return members.stream().filter(m -> m.name().equals(nodeName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node \"" + nodeName + "\" is not among the members"
                        + " the facts list; scripts run on members only"));
    }
}
