package org.udre.engine.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.connectors.libvirt.VmState;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry;
import org.udre.engine.ledger.LedgerEntry.Kind;
import org.udre.engine.ledger.LedgerEntry.State;

/**
 * Watches the VMs that processes rely on. A domain the ledger holds as present but that no longer runs is reported
 * to its owner with the message {@code vm-lost}; the owner's process decides what that means (run-job-in-vm fails
 * and tears down). An owner that does not wait for that message right now, e.g. because it is tearing down, is
 * left alone.
 */
@Component
public class HealthMonitor {

    public static final String VM_LOST_MESSAGE = "vm-lost";
    public static final String LOST_VM = "lostVm";
    public static final String VM_LOST_REASON = "vmLostReason";

    /** States in which a VM is gone for good; a paused VM may be resumed by an operator. */
    private static final Set<VmState> LOST = Set.of(VmState.ABSENT, VmState.SHUT_OFF, VmState.CRASHED,
            VmState.SHUTTING_DOWN);

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final Ledger ledger;
    private final Hosts hosts;
    private final RuntimeService runtime;

    public HealthMonitor(Ledger ledger, Hosts hosts, RuntimeService runtime) {
        this.ledger = ledger;
        this.hosts = hosts;
        this.runtime = runtime;
    }

    /** Checks every present domain once; returns the lost VMs whose owners were told. */
    public synchronized List<String> check() {
        List<String> reported = new ArrayList<>();
        for (LedgerEntry entry : ledger.inState(State.PRESENT)) {
            if (entry.kind() != Kind.DOMAIN) {
                continue;
            }
            VmState state;
            try {
                state = hosts.virtualMachines(entry.host()).state(entry.name());
            } catch (RuntimeException e) {
                continue; // An unreachable host says nothing about its VMs; the next round asks again.
            }
            if (LOST.contains(state) && stillPresent(entry) && tellOwner(entry, state)) {
                reported.add(entry.name());
            }
        }
        return reported;
    }

    /** Teardown marks a domain as retiring before it stops it: a domain it stopped is not lost. */
    private boolean stillPresent(LedgerEntry entry) {
        return ledger.find(entry.host(), entry.kind(), entry.name())
                .map(current -> current.state() == State.PRESENT)
                .orElse(false);
    }

    private boolean tellOwner(LedgerEntry entry, VmState state) {
        String reason = "the VM " + entry.name() + " on host " + entry.host() + " stopped: its domain is "
                + (state == VmState.ABSENT ? "gone" : state.name().toLowerCase().replace('_', ' '));
        if (runtime.createEventSubscriptionQuery().processInstanceId(entry.owner()).eventName(VM_LOST_MESSAGE)
                .count() == 0) {
            return false; // Not waiting for it now (e.g. tearing down); asking would only log an error.
        }
        try {
            runtime.createMessageCorrelation(VM_LOST_MESSAGE)
                    .processInstanceId(entry.owner())
                    .setVariable(LOST_VM, entry.name())
                    .setVariable(VM_LOST_REASON, reason)
                    .correlateWithResult();
            log.warn("{}; told its owner {}", reason, entry.owner());
            return true;
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException e) {
            // Not waiting for it now, or busy: the next round tries again if the VM is still held as present.
            return false;
        }
    }
}
