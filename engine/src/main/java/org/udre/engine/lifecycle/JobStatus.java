package org.udre.engine.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * Where a job stands, as a front end polls it.
 *
 * @param state         RUNNING, SUCCEEDED, FAILED, CANCELLED, or DELETED when the instance was deleted (by an
 *                      operator) without reaching an end
 * @param currentSteps  the steps running or waiting now (empty once ended)
 * @param placement     on which host the VM was placed and why
 * @param conditions    the VM's conditions: Provisioned, Booted, TsiReady, JobRunning, TornDown
 * @param incidents     steps that gave up and wait for an operator
 */
public record JobStatus(String id, String state, List<String> currentSteps, String image, String host, String vm,
                        String tsiVersion, String bssid, Integer exitCode, String failureCode, String failureReason,
                        Instant startedAt, Instant endedAt, String placement, List<Condition> conditions,
                        List<String> incidents) {

    public boolean ended() {
        return endedAt != null;
    }
}
