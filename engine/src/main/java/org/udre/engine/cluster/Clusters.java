package org.udre.engine.cluster;

import static org.udre.engine.cluster.ClusterVariables.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.udre.connectors.tsi.TsiAddress;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.tsi.TsiEndpoint;
import org.udre.templates.ClusterPlan;
import org.udre.templates.ClusterTemplate;
import org.udre.templates.RolePlan;
import org.udre.templates.TemplateReader;

/** Starts, inspects, scales and tears down clusters: instances of the cluster process and their nodes. */
@Service
public class Clusters {

    public static final String PROCESS_KEY = "cluster";
    public static final String SCALE_MESSAGE = "scale-cluster";
    public static final String TEARDOWN_MESSAGE = "teardown-cluster";
    /** A cluster between two steps has no waiting subscription for a moment; a message is offered this often. */
    private static final int DELIVERY_ATTEMPTS = 50;

    private final ClusterStore store;
    private final ClusterTemplates templates;
    private final ClusterImages images;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final Jobs jobs;

    public Clusters(ClusterStore store, ClusterTemplates templates, ClusterImages images, RuntimeService runtime,
                    PlatformTransactionManager transactions, Jobs jobs) {
        this.store = store;
        this.templates = templates;
        this.images = images;
        this.runtime = runtime;
        this.transaction = new TransactionTemplate(transactions);
        this.jobs = jobs;
    }

    /**
     * Starts a cluster, after reading its template with the overrides and checking every role's image: a request
     * that cannot start makes nothing. The cluster's row and its process are made in one transaction.
     */
    public ClusterStatus start(ClusterRequest request) {
        if (store.findByName(request.name()).isPresent()) {
            throw new ClusterNameTakenException(request.name());
        }
        ClusterTemplate template = TemplateReader.read(templates.source(request), request.set(), images);
        ClusterPlan plan = ClusterPlan.plan(template, request.name());
        Map<String, String> roleImages = new LinkedHashMap<>();
        for (RolePlan role : plan.roles()) {
            roleImages.put(role.name(), images.resolve(role.role().image()).ref());
        }
        Instant now = Instant.now();
        // Whole seconds: the lease's end is a timer date in the processes, which want no finer fractions.
        Instant leaseEnd = now.plus(template.lease()).truncatedTo(ChronoUnit.SECONDS);
        String id = transaction.execute(status -> {
            String processId = runtime.createProcessInstanceByKey(PROCESS_KEY)
                    .businessKey(request.name())
                    .setVariable(CLUSTER_NAME, request.name())
                    .setVariable(LEASE_EXPIRES_AT, leaseEnd.toString())
                    .execute()
                    .getId();
            runtime.setVariable(processId, CLUSTER_ID, processId);
            store.insert(new ClusterRecord(processId, request.name(), template.name(), request.owner(),
                    ClusterState.STARTING, "starting roles in order: " + plan.roles().stream().map(RolePlan::name)
                    .toList(), plan.toJson(), roleImages, leaseEnd, now, now));
            return processId;
        });
        return status(id);
    }

    public List<ClusterStatus> all() {
        return store.all().stream().map(cluster -> status(cluster.id())).toList();
    }

    /** The cluster with this name (or id). */
    public ClusterStatus status(String nameOrId) {
        ClusterRecord cluster = find(nameOrId);
        ClusterPlan plan = ClusterPlan.fromJson(cluster.planJson());
        List<ClusterNode> nodes = store.nodes(cluster.id());
        List<ClusterStatus.RoleStatus> roles = plan.roles().stream().map(role -> {
            // A set: a role has thousands of members, and a list's contains() for each of its nodes adds up.
            Set<String> members = Set.copyOf(role.memberNames());
            List<ClusterNode> own = nodes.stream().filter(node -> node.role().equals(role.name())).toList();
            return new ClusterStatus.RoleStatus(role.name(), cluster.images().get(role.name()), role.count(),
                    role.quorum(), count(own, members, NodeState.READY), count(own, members, NodeState.STARTING),
                    (int) own.stream().filter(node -> node.state() == NodeState.FAILED).count(),
                    (int) own.stream().filter(node -> node.state() == NodeState.RELEASED).count(),
                    role.replacementsLeft());
        }).toList();
        List<String> incidents = runtime.createIncidentQuery().processInstanceId(cluster.id()).list().stream()
                .map(incident -> incident.getActivityId() + ": " + incident.getIncidentMessage())
                .toList();
        return new ClusterStatus(cluster.id(), cluster.name(), cluster.template(), cluster.state(), cluster.reason(),
                cluster.leaseExpiresAt(), cluster.createdAt(), cluster.updatedAt(), roles, incidents);
    }

    /** Every node of the cluster, its roles in start order (parents first) as its status lists them. */
    public List<ClusterNode> nodes(String nameOrId) {
        ClusterRecord cluster = find(nameOrId);
        List<String> startOrder = ClusterPlan.fromJson(cluster.planJson()).roles().stream()
                .map(RolePlan::name).toList();
        // The store orders by role name and index; a stable sort by start order keeps each role's nodes in order.
        return store.nodes(cluster.id()).stream()
                .sorted(Comparator.comparingInt(node -> startOrder.indexOf(node.role())))
                .toList();
    }

    /** Scales a role of a running cluster; the count is checked against the role's bounds before anything changes. */
    public ClusterStatus scale(String nameOrId, String role, int count) {
        ClusterRecord cluster = find(nameOrId);
        if (cluster.state() != ClusterState.RUNNING && cluster.state() != ClusterState.DEGRADED) {
            throw new ClusterNotReadyException("cluster " + cluster.name() + " is " + cluster.state()
                    + "; only a running cluster can be scaled");
        }
        ClusterPlan.fromJson(cluster.planJson()).scale(role, count); // refuses a count outside min..max
        deliver(cluster, SCALE_MESSAGE, Map.of(SCALE_ROLE, role, SCALE_COUNT, count));
        return status(cluster.id());
    }

    /** Tears a cluster down, whatever it is doing: children before parents, every node through its own teardown. */
    public ClusterStatus teardown(String nameOrId) {
        ClusterRecord cluster = find(nameOrId);
        if (cluster.state() == ClusterState.TORN_DOWN || cluster.state() == ClusterState.TEARING_DOWN) {
            return status(cluster.id());
        }
        // A failed cluster waits for a teardown only while it keeps its nodes; otherwise it is already tearing down,
        // or gone (its FAILED state is committed in the same step that either waits or starts the teardown).
        if (cluster.state() == ClusterState.FAILED && !waitsFor(cluster, TEARDOWN_MESSAGE)) {
            return status(cluster.id());
        }
        deliver(cluster, TEARDOWN_MESSAGE, Map.of());
        return status(cluster.id());
    }

    /**
     * Runs a job through the TSI of a ready node: the one named, or the first of the role (the first role by
     * default); answers the job's id.
     */
    public String runJob(String nameOrId, ClusterJobRequest request) {
        ClusterRecord cluster = find(nameOrId);
        ClusterPlan plan = ClusterPlan.fromJson(cluster.planJson());
        ClusterNode node = request.node() != null ? namedNode(cluster, plan, request) : firstReadyNode(cluster, plan,
                request.role() != null ? request.role() : plan.roles().get(0).name());
        JobRequest job = new JobRequest(cluster.images().get(node.role()), request.script(), cluster.owner(),
                request.jobName(), null, null, null, request.requestId());
        return jobs.startOnTsi(job, new TsiEndpoint(TsiAddress.parse(node.address()), node.workspace()),
                cluster.images().get(node.role()), Map.of("cluster", cluster.name(), "node", node.name()));
    }

    private ClusterNode firstReadyNode(ClusterRecord cluster, ClusterPlan plan, String role) {
        Set<String> members = Set.copyOf(plan.role(role).memberNames());
        return store.nodes(cluster.id(), role).stream()
                .filter(candidate -> isServing(candidate, members))
                .findFirst()
                .orElseThrow(() -> new ClusterNotReadyException("cluster " + cluster.name() + " has no ready node of"
                        + " role " + role));
    }

    private ClusterNode namedNode(ClusterRecord cluster, ClusterPlan plan, ClusterJobRequest request) {
        ClusterNode node = store.node(cluster.id(), request.node())
                .orElseThrow(() -> new IllegalArgumentException("cluster " + cluster.name() + " has no node '"
                        + request.node() + "'; its nodes are named " + cluster.name() + "-<role>-<index>"));
        if (request.role() != null && !request.role().equals(node.role())) {
            throw new IllegalArgumentException("node " + node.name() + " is of role " + node.role() + ", not '"
                    + request.role() + "'");
        }
        if (!isServing(node, Set.copyOf(plan.role(node.role()).memberNames()))) {
            throw new ClusterNotReadyException("node " + node.name() + " of cluster " + cluster.name() + " is "
                    + (node.releaseRequested() ? "being released" : node.state()) + ", not ready for jobs");
        }
        return node;
    }

    /** Ready, still a member of its role's plan, and not on its way out. */
    private static boolean isServing(ClusterNode node, Set<String> members) {
        return node.state() == NodeState.READY && !node.releaseRequested() && members.contains(node.name());
    }

    private ClusterRecord find(String nameOrId) {
        return store.findByName(nameOrId).or(() -> store.find(nameOrId))
                .orElseThrow(() -> new UnknownClusterException(nameOrId));
    }

    /**
     * Delivers a message to the cluster's process. Between two steps the process waits for nothing for a moment, and
     * a step that commits at the same time makes the delivery conflict: both are tried again, for a while.
     */
    private void deliver(ClusterRecord cluster, String message, Map<String, Object> variables) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!waitsFor(cluster, message)) {
                    throw new MismatchingMessageCorrelationException("not waiting for " + message + " now");
                }
                runtime.createMessageCorrelation(message).processInstanceId(cluster.id())
                        .setVariables(variables).correlateWithResult();
                return;
            } catch (MismatchingMessageCorrelationException | OptimisticLockingException e) {
                if (attempt == DELIVERY_ATTEMPTS) {
                    throw new ClusterNotReadyException("cluster " + cluster.name() + " did not take '" + message
                            + "' now (it is " + store.require(cluster.id()).state() + "); try again");
                }
                sleep(100);
            }
        }
    }

    private boolean waitsFor(ClusterRecord cluster, String message) {
        return runtime.createEventSubscriptionQuery().processInstanceId(cluster.id()).eventName(message).count() > 0;
    }

    private static int count(List<ClusterNode> nodes, Set<String> members, NodeState state) {
        return (int) nodes.stream()
                .filter(node -> node.state() == state && members.contains(node.name()))
                .count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
