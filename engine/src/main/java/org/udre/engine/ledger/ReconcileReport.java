package org.udre.engine.ledger;

import java.util.List;

/**
 * What one reconciliation did.
 *
 * @param adopted     resources a running instance made but had not recorded as made (a crash in between)
 * @param removed     resources whose owner had ended, removed from their host
 * @param unreachable hosts that could not be looked at, with why; tried again next time
 */
public record ReconcileReport(List<String> adopted, List<String> removed, List<String> unreachable) {

    public ReconcileReport {
        adopted = List.copyOf(adopted);
        removed = List.copyOf(removed);
        unreachable = List.copyOf(unreachable);
    }

    public boolean changedAnything() {
        return !adopted.isEmpty() || !removed.isEmpty();
    }
}
