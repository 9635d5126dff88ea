package org.udre.engine.lifecycle;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Whether the step running now is its last attempt under the step's retry cycle.
 *
 * <p>Camunda turns a job whose retries are used up into an incident, which would leave a VM waiting for an operator.
 * A step that fails on its last attempt therefore raises a BPMN error instead, which the process catches and answers
 * with teardown. Camunda runs a job while its retries are still counted on it: the last attempt is the one that
 * runs with one retry left. (The first attempt runs with the engine's default of 3 before the cycle is applied, so
 * a cycle needs at least R2 for the first attempt not to be mistaken for an earlier one.)
 */
final class Attempts {

    private Attempts() {
    }

    static boolean isLast() {
        JobExecutorContext context = Context.getJobExecutorContext();
        JobEntity job = context == null ? null : context.getCurrentJob();
        // Not inside a job (a synchronous call, e.g. from a test): there is no retry to hope for.
        return job == null || job.getRetries() <= 1;
    }
}
