package org.udre.engine.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.udre.engine.ledger.ResourceRemover;

/**
 * Removes everything the ledger says the instance made, domains first: so teardown finds even what an attempt made
 * before it died, on whichever host. Every part that is already gone counts as removed, so teardown can run any number
 * of times and from any point of the process. It never raises a BPMN error: a teardown that keeps failing becomes an
 * incident, because a VM that could not be removed needs an operator, not a process that pretends it is gone.
 */
@Component("teardown")
class Teardown implements JavaDelegate {

    private final ResourceRemover remover;

    Teardown(ResourceRemover remover) {
        this.remover = remover;
    }

    @Override
    public void execute(DelegateExecution execution) {
        remover.removeAllOf(execution.getProcessInstanceId(), "teardown of " + execution.getProcessInstanceId());
    }
}
