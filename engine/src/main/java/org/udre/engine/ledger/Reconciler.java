package org.udre.engine.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.libvirt.Volumes;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.LedgerEntry.Kind;
import org.udre.engine.ledger.LedgerEntry.State;

/**
 * Compares the ledger with what each host really has, and acts on the difference: what belongs to a running
 * instance is adopted (a crash came between making it and recording it), what belongs to an ended instance is
 * removed. After any crash, one reconciliation leaves no orphaned domain, volume or seed behind.
 *
 * <p>Besides the ledger it looks at domains carrying this installation's id in their metadata, which no ledger entry
 * names (made before the ledger knew of them); those are adopted or removed the same way. It never touches what it
 * cannot attribute to this installation.
 */
@Component
public class Reconciler {

    /** Domain metadata keys the engine writes into every domain it defines. */
    public static final String OWNER_KEY = "process-instance";
    public static final String INSTALLATION_KEY = "installation";

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final Ledger ledger;
    private final Hosts hosts;
    private final RuntimeService runtime;
    private final Installation installation;
    private final ResourceRemover remover;

    public Reconciler(Ledger ledger, Hosts hosts, RuntimeService runtime, Installation installation,
                      ResourceRemover remover) {
        this.ledger = ledger;
        this.hosts = hosts;
        this.runtime = runtime;
        this.installation = installation;
        this.remover = remover;
    }

    public synchronized ReconcileReport reconcile() {
        List<String> adopted = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        Map<String, Boolean> active = new HashMap<>();
        for (UdreProperties.Host host : hosts.all()) {
            try {
                reconcile(host, owner -> active.computeIfAbsent(owner, this::isActive), adopted, removed);
            } catch (RuntimeException e) {
                unreachable.add(host.name() + ": " + e.getMessage());
            }
        }
        ReconcileReport report = new ReconcileReport(adopted, removed, unreachable);
        if (report.changedAnything() || !unreachable.isEmpty()) {
            log.info("Reconciliation: adopted {}, removed {}, unreachable {}", adopted, removed, unreachable);
        }
        return report;
    }

    private void reconcile(UdreProperties.Host host, OwnerState owners, List<String> adopted, List<String> removed) {
        VirtualMachines vms = hosts.virtualMachines(host.name());
        Volumes volumes = hosts.volumes(host.name());
        Set<String> domains = new HashSet<>(vms.names());
        Map<String, Set<String>> poolVolumes = new HashMap<>();

        List<LedgerEntry> open = new ArrayList<>(ledger.open(host.name()));
        // Domains first: a volume cannot go while a domain still uses it.
        open.sort(Comparator.comparing(entry -> entry.kind() != Kind.DOMAIN));
        Set<String> known = ledger.names(host.name(), Kind.DOMAIN);
        for (LedgerEntry entry : open) {
            boolean exists = entry.kind() == Kind.DOMAIN
                    ? domains.contains(entry.name())
                    : poolVolumes.computeIfAbsent(entry.pool(), pool -> new HashSet<>(volumes.names(pool)))
                    .contains(entry.name());
            String label = describe(host, entry.kind(), entry.name(), entry.owner());
            if (owners.isActive(entry.owner())) {
                if (exists && entry.state() == State.PLANNED) {
                    ledger.mark(host.name(), entry.kind(), entry.name(), State.PRESENT, "adopted by the reconciler");
                    adopted.add(label);
                }
            } else if (exists) {
                if (remover.remove(entry, ended(entry.owner()))) {
                    removed.add(label);
                }
            } else {
                ledger.mark(host.name(), entry.kind(), entry.name(), State.GONE,
                        "not on the host when its owner had ended");
            }
        }

        for (String domain : domains) {
            if (known.contains(domain)) {
                continue;
            }
            Optional<String> owner = ours(vms, domain);
            if (owner.isEmpty()) {
                continue;
            }
            String label = describe(host, Kind.DOMAIN, domain, owner.get());
            if (!ledger.recordFound(host.name(), Kind.DOMAIN, domain, null, owner.get(), "found by the reconciler")) {
                continue; // another node's reconciler found it at the same moment and deals with it
            }
            if (owners.isActive(owner.get())) {
                ledger.mark(host.name(), Kind.DOMAIN, domain, State.PRESENT, "adopted by the reconciler");
                adopted.add(label);
            } else {
                if (remover.remove(ledger.find(host.name(), Kind.DOMAIN, domain).orElseThrow(), ended(owner.get()))) {
                    removed.add(label);
                }
            }
        }
    }

    /** The owner of a domain this installation made, from the domain's metadata; empty for anyone else's. */
    private Optional<String> ours(VirtualMachines vms, String domain) {
        Optional<String> madeBy = vms.metadata(domain, INSTALLATION_KEY);
        if (madeBy.isEmpty() || !madeBy.get().equals(installation.id())) {
            return Optional.empty();
        }
        return vms.metadata(domain, OWNER_KEY);
    }

    private static String ended(String owner) {
        return "removed by the reconciler: its owner " + owner + " has ended";
    }

    private boolean isActive(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    private static String describe(UdreProperties.Host host, Kind kind, String name, String owner) {
        return kind.name().toLowerCase() + " " + name + " on " + host.name() + " (owner " + owner + ")";
    }

    @FunctionalInterface
    private interface OwnerState {
        boolean isActive(String owner);
    }
}
