package org.udre.engine.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.engine.ledger.ResourceRemover;

/**
 * Tells the nodes a cluster no longer wants to go away: a message {@code release-node} to each node's process, in a
 * transaction of its own, from a thread of its own. A node that is busy right now, or already on its way out, is
 * simply told again in the next round; a node whose process is gone without saying so has its VM removed through
 * the ledger.
 */
@Component
public class NodeReleaser {

    public static final String RELEASE_MESSAGE = "release-node";
    private static final int TELLERS = 4;

    private static final Logger log = LoggerFactory.getLogger(NodeReleaser.class);

    private final ClusterStore store;
    private final RuntimeService runtime;
    private final ResourceRemover remover;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "udre-node-releaser");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Tell nodes a few at a time: each message is a transaction of its own on a node instance of its own, so they do
     * not conflict, and a teardown of thousands of nodes is not one message after the other.
     */
    private final ExecutorService tellers = Executors.newFixedThreadPool(TELLERS, runnable -> {
        Thread thread = new Thread(runnable, "udre-node-teller");
        thread.setDaemon(true);
        return thread;
    });

    public NodeReleaser(ClusterStore store, RuntimeService runtime, ResourceRemover remover) {
        this.store = store;
        this.runtime = runtime;
        this.remover = remover;
    }

    /**
     * Releases the cluster's marked nodes once the caller's transaction (which marked them) has committed. A round
     * already waiting for its turn covers this request too: a round of thousands of nodes can take longer than the
     * poll interval that asks for rounds, and rounds must not pile up behind it.
     */
    public void releaseAfterCommit(String clusterId) {
        Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> {
                    if (pending.add(clusterId)) {
                        worker.submit(() -> release(clusterId));
                    }
                });
    }

    /** One round: every marked node that waits for the message is told; every one whose process is gone is removed. */
    public void release(String clusterId) {
        pending.remove(clusterId);
        try {
            List<ClusterNode> marked = store.nodes(clusterId).stream()
                    .filter(node -> node.releaseRequested() && !node.vmRemoved())
                    .toList();
            if (marked.isEmpty()) {
                return;
            }
            // The execution that waits for the message, by node process: it is told directly, no correlation query.
            Map<String, String> waiting = runtime.createEventSubscriptionQuery().eventName(RELEASE_MESSAGE).list()
                    .stream().collect(Collectors.toMap(EventSubscription::getProcessInstanceId,
                            EventSubscription::getExecutionId, (first, second) -> first));
            // Nodes told in an earlier round are on their way out; those whose process is gone need the ledger.
            Set<String> notWaiting = marked.stream().map(ClusterNode::nodeProcess)
                    .filter(process -> !waiting.containsKey(process))
                    .collect(Collectors.toSet());
            Set<String> alive = notWaiting.isEmpty() ? Set.of() : runtime.createProcessInstanceQuery()
                    .processInstanceIds(notWaiting).list().stream()
                    .map(ProcessInstance::getId)
                    .collect(Collectors.toSet());
            List<Future<?>> told = new ArrayList<>();
            for (ClusterNode node : marked) {
                String execution = waiting.get(node.nodeProcess());
                if (execution != null) {
                    told.add(tellers.submit(() -> tell(node, execution)));
                } else if (!alive.contains(node.nodeProcess())) {
                    remover.removeAllOf(node.nodeProcess(), "release of " + node.name() + ", whose process is gone");
                    store.nodeRemoved(clusterId, node.name());
                }
            }
            for (Future<?> tell : told) {
                tell.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("Releasing nodes of cluster {} failed this round: {}", clusterId, e.getCause().getMessage());
        } catch (RuntimeException e) {
            log.warn("Releasing nodes of cluster {} failed this round: {}", clusterId, e.getMessage());
        }
    }

    private void tell(ClusterNode node, String execution) {
        try {
            runtime.messageEventReceived(RELEASE_MESSAGE, execution);
        } catch (ProcessEngineException e) {
            // Busy (a conflict), or already on its way out (no longer waiting): the next round tells it again if it
            // still waits.
            log.debug("Node {} was not told this round: {}", node.name(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        tellers.shutdownNow();
    }
}
