package org.udre.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.udre.templates.ClusterPlan;
import org.udre.templates.RolePlan;

/**
 * One step of bringing a role to its plan, as a pure decision: which failed members to replace, which members to
 * start now (never more than maxBatch booting at once), and where the role stands. Callers carry it out.
 *
 * @param plan      the plan after replacements
 * @param toStart   members to start now, in index order
 * @param ready     members whose TSI answers
 * @param complete  every member has been started and the quorum is reached
 * @param hopeless  the quorum can no longer be reached: too many members failed and no replacements are left
 * @param progress  where the role stands, in a sentence for operators
 */
public record RoleConvergence(ClusterPlan plan, List<String> toStart, int ready, boolean complete, boolean hopeless,
                              String progress) {

    public static RoleConvergence step(ClusterPlan plan, String roleName, List<ClusterNode> rows) {
        Map<String, ClusterNode> byName = rows.stream().collect(Collectors.toMap(ClusterNode::name, Function.identity()));
        RolePlan role = plan.role(roleName);
        for (String member : role.memberNames()) {
            ClusterNode row = byName.get(member);
            if (row != null && row.state() == NodeState.FAILED && plan.role(roleName).replacementsLeft() > 0) {
                plan = plan.replace(member).plan();
            }
        }
        role = plan.role(roleName);

        int ready = 0;
        int starting = 0;
        int failed = 0;
        List<String> unstarted = new ArrayList<>();
        for (String member : role.memberNames()) {
            ClusterNode row = byName.get(member);
            if (row == null) {
                unstarted.add(member);
            } else {
                switch (row.state()) {
                    case READY -> ready++;
                    case STARTING -> starting++;
                    case FAILED, RELEASED -> failed++;
                }
            }
        }
        int room = Math.max(0, role.role().maxBatch() - starting);
        List<String> toStart = List.copyOf(unstarted.subList(0, Math.min(room, unstarted.size())));
        int notYetStarted = unstarted.size() - toStart.size();
        int stillPossible = ready + starting + unstarted.size() + Math.min(failed, role.replacementsLeft());
        boolean complete = ready >= role.quorum() && unstarted.isEmpty();
        boolean hopeless = !complete && stillPossible < role.quorum();
        String progress = roleName + ": " + ready + " of " + role.count() + " ready (quorum " + role.quorum() + "), "
                + (starting + toStart.size()) + " starting, " + notYetStarted + " waiting to start, " + failed
                + " failed, " + role.replacementsLeft() + " replacements left";
        return new RoleConvergence(plan, toStart, ready, complete, hopeless, progress);
    }
}
