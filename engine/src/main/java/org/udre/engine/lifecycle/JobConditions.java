package org.udre.engine.lifecycle;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.udre.engine.lifecycle.Condition.Status;

/**
 * Derives a job's conditions from its history, so there is nothing to keep in step: what the steps did, and the
 * variables they recorded, say it all.
 */
final class JobConditions {

    private JobConditions() {
    }

    static List<Condition> of(List<HistoricActivityInstance> activities, Map<String, Object> vars) {
        return List.of(
                step(activities, vars, "Provisioned", "ProvisionImage", "PROVISIONING_FAILED", "VolumeCreated",
                        "volume " + vars.get(VOLUME_NAME) + " on host " + vars.get(HOST_NAME)),
                step(activities, vars, "Booted", "BootVm", "BOOT_FAILED", "DomainStarted",
                        "domain " + vars.get(VM_NAME) + " started"),
                tsiReady(activities, vars),
                jobRunning(activities, vars),
                tornDown(activities, vars));
    }

    private static Condition step(List<HistoricActivityInstance> activities, Map<String, Object> vars, String type,
                                  String activity, String failureCode, String reason, String message) {
        Optional<HistoricActivityInstance> done = finished(activities, activity);
        if (done.isPresent()) {
            return new Condition(type, Status.TRUE, reason, message, done.get().getEndTime().toInstant());
        }
        if (failureCode.equals(vars.get(FAILURE_CODE))) {
            return new Condition(type, Status.FALSE, camel(failureCode), (String) vars.get(FAILURE_REASON),
                    lastEnd(activities));
        }
        return pending(type);
    }

    private static Condition tsiReady(List<HistoricActivityInstance> activities, Map<String, Object> vars) {
        Optional<HistoricActivityInstance> done = finished(activities, "WaitForTsi");
        if (done.isPresent()) {
            return new Condition("TsiReady", Status.TRUE, "Ready",
                    "TSI " + vars.get(TSI_VERSION) + " at " + vars.get(TSI_ADDRESS), done.get().getEndTime().toInstant());
        }
        Optional<HistoricActivityInstance> waiting = activities.stream()
                .filter(a -> a.getActivityId().equals("WaitForTsi")).findFirst();
        if (waiting.isEmpty() || vars.get(TSI_READINESS) == null) {
            return pending("TsiReady");
        }
        // "NO_CALLBACK: the TSI said OK but never called back" -> reason NoCallback
        String readiness = (String) vars.get(TSI_READINESS);
        int colon = readiness.indexOf(':');
        String reason = colon > 0 && readiness.substring(0, colon).matches("[A-Z_]+")
                ? camel(readiness.substring(0, colon)) : "NotChecked";
        return new Condition("TsiReady", Status.FALSE, reason, readiness, lastEnd(activities));
    }

    private static Condition jobRunning(List<HistoricActivityInstance> activities, Map<String, Object> vars) {
        Optional<HistoricActivityInstance> submitted = finished(activities, "SubmitJob");
        if (submitted.isEmpty()) {
            return new Condition("JobRunning", Status.FALSE, "NotSubmitted", "no job was submitted yet",
                    null);
        }
        Optional<HistoricActivityInstance> runJob = activities.stream()
                .filter(a -> a.getActivityId().equals("RunJob") && a.getEndTime() != null).findFirst();
        if (runJob.isEmpty()) {
            return new Condition("JobRunning", Status.TRUE, "Submitted", "job " + vars.get(BSSID) + " on the TSI",
                    submitted.get().getEndTime().toInstant());
        }
        boolean collected = finished(activities, "CollectResult").isPresent();
        return new Condition("JobRunning", Status.FALSE, collected ? "Finished" : "Stopped",
                collected ? "the job " + vars.get(JOB_RESULT)
                        : String.valueOf(vars.getOrDefault(ABORT_RESULT, "the job was stopped before it finished")),
                runJob.get().getEndTime().toInstant());
    }

    private static Condition tornDown(List<HistoricActivityInstance> activities, Map<String, Object> vars) {
        return activities.stream()
                .filter(a -> a.getActivityId().startsWith("Teardown") && a.getEndTime() != null && !a.isCanceled())
                .findFirst()
                .map(a -> new Condition("TornDown", Status.TRUE, "Removed", vars.get(SEED_NAME) == null
                        ? "domain and volume removed" : "domain, volume and seed removed",
                        a.getEndTime().toInstant()))
                .orElseGet(() -> pending("TornDown"));
    }

    private static Optional<HistoricActivityInstance> finished(List<HistoricActivityInstance> activities, String id) {
        return activities.stream()
                .filter(a -> a.getActivityId().equals(id) && a.getEndTime() != null && !a.isCanceled())
                .findFirst();
    }

    private static Instant lastEnd(List<HistoricActivityInstance> activities) {
        return activities.stream().filter(a -> a.getEndTime() != null)
                .map(a -> a.getEndTime().toInstant()).max(Instant::compareTo).orElse(null);
    }

    private static Condition pending(String type) {
        return new Condition(type, Status.UNKNOWN, "Pending", "not reached yet", null);
    }

    /** PROVISIONING_FAILED -> ProvisioningFailed */
    static String camel(String code) {
        return Arrays.stream(code.toLowerCase().split("_"))
                .filter(word -> !word.isEmpty())
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining());
    }
}
