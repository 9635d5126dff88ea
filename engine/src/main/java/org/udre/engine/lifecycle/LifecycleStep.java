package org.udre.engine.lifecycle;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step of the job lifecycle that may fail. A technical error is retried by the step's retry cycle; a failure that
 * no retry can mend, or a technical error on the last attempt, becomes a BPMN error with the step's error code,
 * which the process answers with teardown.
 */
public abstract class LifecycleStep implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(LifecycleStep.class);

    private final String errorCode;

    protected LifecycleStep(String errorCode) {
        this.errorCode = errorCode;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        try {
            run(new JobVariables(execution));
        } catch (BpmnError e) {
            throw e;
        } catch (StepFailure e) {
            throw new BpmnError(e.code(), e.getMessage(), e);
        } catch (RuntimeException e) {
            if (Failures.isPermanent(e)) {
                throw new BpmnError(errorCode, Failures.describe(e), e);
            }
            if (Attempts.isLast()) {
                throw new BpmnError(errorCode, "gave up after the last retry: " + Failures.describe(e), e);
            }
            log.warn("{} of instance {} failed, will retry: {}", getClass().getSimpleName(),
                    execution.getProcessInstanceId(), Failures.describe(e));
            throw e;
        }
    }

    protected abstract void run(JobVariables job);
}
