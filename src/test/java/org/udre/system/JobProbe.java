package org.udre.system;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.udre.connectors.libvirt.VmState;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.lifecycle.VmNames;

/** Starts jobs and looks at what they left behind, for the system tests. */
final class JobProbe {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Jobs jobs;
    private final RuntimeService runtime;
    private final Hosts hosts;
    private final HistoryService history;

    JobProbe(Jobs jobs, ProcessEngine engine, Hosts hosts) {
        this.jobs = jobs;
        this.runtime = engine.getRuntimeService();
        this.history = engine.getHistoryService();
        this.hosts = hosts;
    }

    /** A job of the test image on the host "sim", whose VMs' TSI is the engine's own agent. */
    static JobRequest onSim(String script) {
        return new JobRequest("udre-test:1.0", script, null, null, null, null, "sim", null);
    }

    /** A job of the test image on the host "silent", whose VMs' TSI never calls back. */
    static JobRequest onSilent(String script) {
        return new JobRequest("udre-test:1.0", script, null, null, null, null, "silent", null);
    }

    /** Starts the job and returns its process instance, taken while it still runs. */
    ProcessInstance start(JobRequest request) {
        String id = jobs.start(request);
        return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    JobStatus awaitEnd(ProcessInstance instance) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> jobs.status(instance.getId()).ended());
        return jobs.status(instance.getId());
    }

    String stdout(ProcessInstance instance) {
        return jobs.output(instance.getId(), "stdout").map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
    }

    /** A variable of the instance as its history holds it, e.g. after it ended. */
    Object variable(ProcessInstance instance, String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).disableBinaryFetching().singleResult();
        return variable == null ? null : variable.getValue();
    }

    /** Whether the instance's domain or volume still exists on the host it ran on. */
    boolean leftAnythingOn(String hostName, ProcessInstance instance) {
        UdreProperties.Host host = hosts.settings(hostName);
        VmNames names = VmNames.of(instance.getId());
        return hosts.virtualMachines(hostName).state(names.domain()) != VmState.ABSENT
                || hosts.volumes(hostName).exists(host.pool(), names.volume());
    }
}
