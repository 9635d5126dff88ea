package org.udre.engine.ledger;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.LedgerEntry.Kind;
import org.udre.engine.ledger.LedgerEntry.State;

/**
 * Removes resources from their hosts the ledger way (retiring, removed, gone), for teardown and the reconciler alike.
 * What is already gone counts as removed.
 */
@Component
public class ResourceRemover {

    private final Ledger ledger;
    private final Hosts hosts;

    public ResourceRemover(Ledger ledger, Hosts hosts) {
        this.ledger = ledger;
        this.hosts = hosts;
    }

    /** Removes everything {@code owner} made that is not gone yet, domains before the volumes they use. */
    public void removeAllOf(String owner, String why) {
        List<LedgerEntry> made = ledger.ofOwner(owner).stream()
                .filter(entry -> entry.state() != State.GONE)
                .sorted(Comparator.comparing(entry -> entry.kind() != Kind.DOMAIN))
                .toList();
        made.forEach(entry -> removeWhateverChanged(entry, why));
    }

    /**
     * Teardown must see its resources gone, not leave them to whoever changed their entries meanwhile (a reconciler
     * adopting a domain, say): it reads the entry again and removes it, until the entry says gone.
     */
    private void removeWhateverChanged(LedgerEntry entry, String why) {
        LedgerEntry current = entry;
        while (current.state() != State.GONE && !remove(current, why)) {
            current = ledger.find(current.host(), current.kind(), current.name()).orElseThrow();
        }
    }

    /**
     * Removes the resource unless someone else changed its entry since it was read (see {@link Ledger#remove}).
     *
     * @return whether this call removed it
     */
    public boolean remove(LedgerEntry entry, String why) {
        return ledger.remove(entry, why, () -> {
            if (entry.kind() == Kind.DOMAIN) {
                VirtualMachines vms = hosts.virtualMachines(entry.host());
                vms.destroy(entry.name());
                vms.undefine(entry.name());
            } else {
                hosts.volumes(entry.host()).delete(entry.pool(), entry.name());
            }
        });
    }
}
