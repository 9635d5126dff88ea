package org.udre.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.udre.engine.lifecycle.JobVariables;

/** Evidence that a job was really aborted: what the abort step recorded, and whether its process still runs. */
final class AbortedJobs {

    private AbortedJobs() {
    }

    static String abortResult(ProcessEngine engine, ProcessInstance instance) {
        HistoricVariableInstance variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(JobVariables.ABORT_RESULT).singleResult();
        return variable == null ? null : (String) variable.getValue();
    }

    /** Whether any process on this machine still runs the job's script (the TSI names it UNICORE_Job_<bssid>). */
    static boolean isRunning(String bssid) {
        return ProcessHandle.allProcesses()
                .anyMatch(process -> process.info().commandLine().orElse("").contains("UNICORE_Job_" + bssid));
    }
}
