package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry.Kind;

/**
 * Removes the VM and its volume. Every part that is already gone counts as removed, so teardown can run any number
 * of times and from any point of the process. It never raises a BPMN error: a teardown that keeps failing becomes an
 * incident, because a VM that could not be removed needs an operator, not a process that pretends it is gone.
 */
@Component("teardown")
class Teardown implements JavaDelegate {

    private final Hosts hosts;
    private final Ledger ledger;

    Teardown(Hosts hosts, Ledger ledger) {
        this.hosts = hosts;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        JobVariables job = new JobVariables(execution);
        // An attempt of provisioning that died before it committed recorded no host; the choice is repeatable, so
        // teardown makes it again and looks there.
        UdreProperties.Host host = job.optionalString(HOST_NAME)
                .map(hosts::settings)
                .orElseGet(() -> hosts.choose(job.optionalString(HOST).orElse(null)));
        VmNames names = VmNames.of(job.processInstanceId());
        VirtualMachines vms = hosts.virtualMachines(host.name());
        String why = "teardown of " + job.processInstanceId();
        ledger.remove(host.name(), Kind.DOMAIN, names.domain(), why, () -> {
            vms.destroy(names.domain());
            vms.undefine(names.domain());
        });
        ledger.remove(host.name(), Kind.VOLUME, names.volume(), why,
                () -> hosts.volumes(host.name()).delete(host.pool(), names.volume()));
    }
}
