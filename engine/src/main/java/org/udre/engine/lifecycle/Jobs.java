package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Service;
import org.udre.catalog.ImageCatalog;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.tsi.TsiEndpoint;

/** Starts, inspects and cancels jobs: instances of the run-job-in-vm process. */
@Service
public class Jobs {

    public static final String PROCESS_KEY = "run-job-in-vm";
    /** A job on a TSI that outlives it, such as a cluster node's: no VM of its own to make or remove. */
    public static final String ON_TSI_PROCESS_KEY = "run-job-on-node";
    public static final String CANCEL_MESSAGE = "cancel-job";
    private static final int CORRELATION_ATTEMPTS = 5;

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ImageCatalog catalog;
    private final Hosts hosts;

    public Jobs(RuntimeService runtime, HistoryService history, ImageCatalog catalog, Hosts hosts) {
        this.runtime = runtime;
        this.history = history;
        this.catalog = catalog;
        this.hosts = hosts;
    }

    /**
     * Starts a job, after checking that its image and host exist: a request that cannot run starts nothing. With a
     * request id that an earlier request used, returns the id of the job that one started.
     */
    public String start(JobRequest request) {
        // Pinned to the version that is newest now: a version published or withdrawn later changes nothing for it.
        String image = catalog.require(request.image()).ref();
        if (request.host() != null && !request.host().isBlank()) {
            hosts.settings(request.host());
        }
        return startProcess(PROCESS_KEY, request, image, Variables.createVariables()
                .putValue(CORES, request.cores())
                .putValue(MEMORY_MIB, request.memoryMiB())
                .putValue(HOST, blankToNull(request.host())));
    }

    /**
     * Starts a job on a TSI that is already there, e.g. a cluster node's; the job's own VM steps are left out.
     *
     * @param image   the image the TSI's machine runs (name:version), for its default user
     * @param context what the job belongs to (e.g. cluster and node), kept with it for operators
     */
    public String startOnTsi(JobRequest request, TsiEndpoint endpoint, String image, Map<String, Object> context) {
        catalog.pinned(image);
        VariableMap own = Variables.createVariables()
                .putValue(TSI_ADDRESS, endpoint.address().toString())
                .putValue(TSI_WORKSPACE, endpoint.workspace());
        own.putAll(context);
        return startProcess(ON_TSI_PROCESS_KEY, request, image, own);
    }

    /**
     * Starts the job's process with what every job has (image, script, owner, name) and {@code own}; a request id
     * that an earlier request of that process used returns the job that one started.
     */
    private String startProcess(String processKey, JobRequest request, String image, VariableMap own) {
        if (request.requestId() != null) {
            Optional<String> earlier = earlier(processKey, request.requestId());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        VariableMap variables = Variables.createVariables()
                .putValue(IMAGE, image)
                .putValue(SCRIPT, request.script())
                .putValue(OWNER, blankToNull(request.owner()))
                .putValue(JOB_NAME, blankToNull(request.jobName()));
        variables.putAll(own);
        return runtime.createProcessInstanceByKey(processKey)
                .businessKey(request.requestId())
                .setVariables(variables)
                .execute()
                .getId();
    }

    private Optional<String> earlier(String processKey, String requestId) {
        return history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(processKey)
                .processInstanceBusinessKey(requestId)
                .list().stream().map(HistoricProcessInstance::getId).findFirst();
    }

    public JobStatus status(String id) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(id).processDefinitionKeyIn(PROCESS_KEY, ON_TSI_PROCESS_KEY).singleResult();
        if (instance == null) {
            throw new UnknownJobException(id);
        }
        Map<String, Object> vars = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(id).disableBinaryFetching().list()) {
            vars.put(variable.getName(), variable.getValue());
        }
        String state = state(instance, (String) vars.get(OUTCOME));
        boolean ended = !state.equals("RUNNING");
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(id).orderByHistoricActivityInstanceStartTime().asc().list();
        List<String> currentSteps = activities.stream()
                .filter(activity -> activity.getEndTime() == null && activity.getActivityName() != null)
                .map(HistoricActivityInstance::getActivityName)
                .toList();
        List<String> incidents = ended ? List.of() : runtime.createIncidentQuery().processInstanceId(id).list().stream()
                .map(incident -> incident.getActivityId() + ": " + incident.getIncidentMessage())
                .toList();
        return new JobStatus(id, state, currentSteps, (String) vars.get(IMAGE), (String) vars.get(HOST_NAME),
                (String) vars.get(VM_NAME), (String) vars.get(TSI_VERSION), (String) vars.get(BSSID),
                (Integer) vars.get(EXIT_CODE), (String) vars.get(FAILURE_CODE),
                (String) vars.getOrDefault(FAILURE_REASON, vars.get(CANCEL_REASON)),
                instant(instance.getStartTime()), ended ? instant(instance.getEndTime()) : null,
                (String) vars.get(PLACEMENT),
                JobConditions.of(activities, vars), incidents);
    }

    /** The job's stdout or stderr as far as it was collected; empty before the job finished. */
    public Optional<byte[]> output(String id, String stream) {
        if (!STDOUT.equals(stream) && !STDERR.equals(stream)) {
            throw new IllegalArgumentException("a job's output is 'stdout' or 'stderr', not '" + stream + "'");
        }
        status(id); // an unknown id is an error, not an empty output
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
                .processInstanceId(id).variableName(stream).singleResult();
        if (variable == null || !(variable.getTypedValue() instanceof FileValue file)) {
            return Optional.empty();
        }
        try (var in = file.getValue()) {
            return Optional.of(in.readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Asks a running job to stop: the process aborts the job through its TSI and tears the VM down. The answer comes
     * before that is done; poll {@link #status} for the CANCELLED state.
     */
    public void cancel(String id, String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                runtime.createMessageCorrelation(CANCEL_MESSAGE)
                        .processInstanceId(id)
                        .setVariable(CANCEL_REASON, reason == null ? "cancelled on request" : reason)
                        .correlateWithResult();
                return;
            } catch (MismatchingMessageCorrelationException e) {
                JobStatus status = status(id);
                throw new JobNotRunningException(id, status.ended()
                        ? "it has ended " + status.state()
                        : "it is already being torn down after a failure");
            } catch (OptimisticLockingException e) {
                // A step of the same instance committed meanwhile; the cancel is simply tried again.
                if (attempt == CORRELATION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * RUNNING until the instance's outcome can be read. An instance that completed is only reported as ended once its
     * outcome is visible too: a reader may see the end of an instance a moment before the rest of the transaction
     * that ended it (seen with H2), and must not take a successful job for one without an outcome.
     */
    private static String state(HistoricProcessInstance instance, String outcome) {
        if (outcome != null) {
            return outcome;
        }
        if (instance.getEndTime() == null || HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState())) {
            return "RUNNING";
        }
        // Ended without passing an end event: deleted by an operator, or stopped by the engine.
        return "DELETED";
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
