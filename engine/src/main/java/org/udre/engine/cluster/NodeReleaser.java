package org.udre.engine.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
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
            Set<String> waiting = runtime.createEventSubscriptionQuery().eventName(RELEASE_MESSAGE).list().stream()
                    .map(EventSubscription::getProcessInstanceId)
                    .collect(Collectors.toSet());
            // Nodes told in an earlier round are on their way out; those whose process is gone need the ledger.
            Set<String> notWaiting = marked.stream().map(ClusterNode::nodeProcess)
                    .filter(process -> !waiting.contains(process))
                    .collect(Collectors.toSet());
            Set<String> alive = notWaiting.isEmpty() ? Set.of() : runtime.createProcessInstanceQuery()
                    .processInstanceIds(notWaiting).list().stream()
                    .map(ProcessInstance::getId)
                    .collect(Collectors.toSet());
            for (ClusterNode node : marked) {
                if (waiting.contains(node.nodeProcess())) {
                    tell(node);
                } else if (!alive.contains(node.nodeProcess())) {
                    remover.removeAllOf(node.nodeProcess(), "release of " + node.name() + ", whose process is gone");
                    store.nodeRemoved(clusterId, node.name());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Releasing nodes of cluster {} failed this round: {}", clusterId, e.getMessage());
        }
    }

    private void tell(ClusterNode node) {
        try {
            runtime.createMessageCorrelation(RELEASE_MESSAGE).processInstanceId(node.nodeProcess()).correlateWithResult();
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException e) {
            // Busy, or already on its way out: the next round tells it again if it still waits.
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
