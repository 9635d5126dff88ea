package org.udre.engine.cli;

import static org.udre.engine.lifecycle.JobVariables.*;

import java.util.Map;

/** What is worth saying about a finished step of run-job-in-vm, from the variables it recorded. */
final class StepNotes {

    private StepNotes() {
    }

    static String of(String activityId, Map<String, Object> vars) {
        return switch (activityId) {
            case "ProvisionImage" -> "volume " + vars.get(VOLUME_NAME)
                    + (vars.get(SEED_NAME) == null ? "" : ", seed " + vars.get(SEED_NAME)) + " on host " + vars.get(HOST_NAME);
            case "BootVm" -> "domain " + vars.get(VM_NAME) + " started";
            case "WaitForTsi" -> "TSI " + vars.get(TSI_VERSION) + " at " + vars.get(TSI_ADDRESS) + " after "
                    + vars.get(TSI_CHECKS) + " check(s)";
            case "RunJob" -> "job " + vars.get(BSSID) + " " + vars.get(JOB_RESULT);
            case "AbortJob" -> String.valueOf(vars.get(ABORT_RESULT));
            case "Teardown", "TeardownAfterFailure", "TeardownAfterCancel" ->
                    vars.get(SEED_NAME) == null ? "domain and volume removed" : "domain, volume and seed removed";
            default -> "";
        };
    }
}
