package org.udre.templates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles of a template and their parents, as a graph: the order roles start in, and the cycles that would keep
 * them from starting. Parents that name no role are left out here; they are reported on their own.
 */
final class RoleGraph {

    private final Map<String, List<String>> parentsByRole;

    /** @param parentsByRole each role's parents, roles in declaration order */
    RoleGraph(Map<String, List<String>> parentsByRole) {
        this.parentsByRole = new LinkedHashMap<>();
        parentsByRole.forEach((role, parents) -> this.parentsByRole.put(role,
                parents.stream().filter(parentsByRole::containsKey).toList()));
    }

    /**
     * Every cycle, each as the roles along it with the first repeated at the end ({@code [a, b, a]}: b is a parent
     * of a and a of b). Each starts at its role declared first and is a shortest cycle through that role; a role on
     * a cycle already reported starts no other, so a knot of roles is not reported once per member.
     */
    List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String role : parentsByRole.keySet()) {
            if (reported.contains(role)) {
                continue;
            }
            List<String> cycle = shortestCycleThrough(role);
            if (!cycle.isEmpty()) {
                cycles.add(cycle);
                reported.addAll(cycle);
            }
        }
        return cycles;
    }

    private List<String> shortestCycleThrough(String start) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String role = queue.removeFirst();
            for (String parent : parentsByRole.get(role)) {
                if (parent.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String at = role; !at.equals(start); at = reachedFrom.get(at)) {
                        cycle.add(at);
                    }
                    Collections.reverse(cycle.subList(1, cycle.size()));
                    cycle.add(start);
                    return cycle;
                }
                if (!reachedFrom.containsKey(parent)) {
                    reachedFrom.put(parent, role);
                    queue.addLast(parent);
                }
            }
        }
        return List.of();
    }

    /**
     * The order roles start in: each after all its parents; among roles free to start, the one declared first.
     *
     * @throws IllegalArgumentException naming a cycle when there is one
     */
    List<String> startOrder() {
        List<List<String>> cycles = cycles();
        if (!cycles.isEmpty()) {
            throw new IllegalArgumentException(describeCycle(cycles.get(0)));
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (order.size() < parentsByRole.size()) {
            for (Map.Entry<String, List<String>> role : parentsByRole.entrySet()) {
                if (!placed.contains(role.getKey()) && placed.containsAll(role.getValue())) {
                    order.add(role.getKey());
                    placed.add(role.getKey());
                    break;
                }
            }
        }
        return order;
    }

    static String describeCycle(List<String> cycle) {
        return "roles wait for each other in a cycle: " + String.join(" -> ", cycle)
                + " (a -> b: b is among a's parents), so none of them could ever start";
    }
}
