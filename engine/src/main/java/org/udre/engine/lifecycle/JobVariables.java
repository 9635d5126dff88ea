package org.udre.engine.lifecycle;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The process variables of run-job-in-vm, by name, with typed reads. The names are the process's interface:
 * operators see them in Cockpit and front ends read them over REST, so they never change meaning.
 */
public final class JobVariables {

    // What the job request says (set when the instance starts).
    public static final String IMAGE = "image";
    public static final String SCRIPT = "script";
    public static final String OWNER = "owner";
    public static final String JOB_NAME = "jobName";
    public static final String CORES = "cores";
    public static final String MEMORY_MIB = "memoryMiB";
    public static final String HOST = "host";

    // What the steps record, in the order they record it.
    public static final String PLACEMENT = "placement";
    public static final String HOST_NAME = "hostName";
    public static final String VM_NAME = "vmName";
    public static final String VOLUME_NAME = "volumeName";
    /** The VM's cloud-init seed volume; set only on real hosts, where guests read one. */
    public static final String SEED_NAME = "seedName";
    /** The file on the host receiving the VM's serial console; set only where the host keeps console logs. */
    public static final String CONSOLE_LOG = "consoleLog";
    public static final String TSI_READY_WITHIN = "tsiReadyWithin";
    public static final String TSI_READINESS = "tsiReadiness";
    public static final String TSI_READY = "tsiReady";
    public static final String TSI_CHECKS = "tsiChecks";
    public static final String TSI_FIRST_CHECK = "tsiFirstCheck";
    public static final String TSI_CHECK_DELAY = "tsiCheckDelay";
    public static final String TSI_ADDRESS = "tsiAddress";
    public static final String TSI_WORKSPACE = "tsiWorkspace";
    public static final String TSI_VERSION = "tsiVersion";
    public static final String JOB_DIRECTORY = "jobDirectory";
    public static final String BSSID = "bssid";
    public static final String JOB_STATE = "jobState";
    public static final String JOB_FINISHED = "jobFinished";
    public static final String EXIT_CODE = "exitCode";
    public static final String JOB_RESULT = "jobResult";
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    /** The whole size of stdout and stderr; more than the kept bytes when the output was cut. */
    public static final String STDOUT_BYTES = "stdoutBytes";
    public static final String STDERR_BYTES = "stderrBytes";
    public static final String ABORT_RESULT = "abortResult";

    // How the instance ended (set by the end events and the failure path).
    public static final String OUTCOME = "outcome";
    public static final String FAILURE_CODE = "failureCode";
    public static final String FAILURE_REASON = "failureReason";
    public static final String CANCEL_REASON = "cancelReason";

    private final DelegateExecution execution;

    public JobVariables(DelegateExecution execution) {
        this.execution = execution;
    }

    public String processInstanceId() {
        return execution.getProcessInstanceId();
    }

    public String string(String name) {
        Object value = execution.getVariable(name);
        if (value == null) {
            throw new IllegalStateException("process variable '" + name + "' is not set on instance " + processInstanceId());
        }
        return value.toString();
    }

    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(execution.getVariable(name)).map(Object::toString).filter(s -> !s.isBlank());
    }

    public Optional<Integer> optionalInt(String name) {
        Object value = execution.getVariable(name);
        return value == null ? Optional.empty() : Optional.of(((Number) value).intValue());
    }

    public int intOr(String name, int fallback) {
        return optionalInt(name).orElse(fallback);
    }

    public void set(String name, Object value) {
        execution.setVariable(name, value);
    }

    public DelegateExecution execution() {
        return execution;
    }
}
