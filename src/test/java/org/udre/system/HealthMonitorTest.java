package org.udre.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.udre.engine.health.HealthMonitor;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.lifecycle.VmNames;

/** A VM that dies under a waiting process sends it down the failure path; it never waits forever. */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HealthMonitorTest {

    @DynamicPropertySource
    static void silentTsi(DynamicPropertyRegistry registry) {
        SilentTsi.register(registry);
    }

    @Autowired
    ProcessEngine engine;
    @Autowired
    Jobs jobs;
    @Autowired
    RuntimeService runtime;
    @Autowired
    Hosts hosts;
    @Autowired
    HealthMonitor monitor;

    JobProbe probe;

    @BeforeEach
    void setUp() {
        init(engine);
        probe = new JobProbe(jobs, engine, hosts);
    }

    @Test
    void a_vm_that_dies_while_its_job_runs_fails_the_job_as_lost_and_is_torn_down() {
        ProcessInstance instance = probe.start(JobProbe.onSim("sleep 60"));
        await().atMost(JobProbe.PATIENCE).until(() -> jobs.status(instance.getId()).bssid() != null);
        String domain = VmNames.of(instance.getId()).domain();

        hosts.virtualMachines("sim").destroy(domain);
        // The scheduled check may meet the dead VM first; either check sends the job down the same path.
        await().atMost(JobProbe.PATIENCE)
                .until(() -> monitor.check().contains(domain) || jobs.status(instance.getId()).ended());
        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failureCode()).isEqualTo("VM_LOST");
        assertThat(status.failureReason()).isEqualTo("the VM " + domain + " on host sim stopped: its domain is shut off");
        assertThat(instance).hasPassed("VmLostWhileRunning", "TeardownAfterFailure").hasNotPassed("CollectResult");
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
    }

    @Test
    void a_vm_that_stops_while_its_tsi_is_awaited_fails_the_job_at_once_instead_of_at_the_deadline() {
        ProcessInstance instance = probe.start(JobProbe.onSilent("true"));
        await().atMost(JobProbe.PATIENCE)
                .until(() -> jobs.status(instance.getId()).currentSteps().contains("Wait for TSI"));
        String domain = VmNames.of(instance.getId()).domain();

        hosts.virtualMachines("silent").destroy(domain);
        // A check that meets the instance while one of its steps commits is simply repeated, as the schedule would.
        await().atMost(JobProbe.PATIENCE).until(() -> !monitor.check().isEmpty() || jobs.status(instance.getId()).ended());
        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.failureCode()).isEqualTo("VM_LOST");
        assertThat(instance).hasPassed("VmLostWhileWaiting").hasNotPassed("TsiDeadline");
        assertThat(probe.leftAnythingOn("silent", instance)).isFalse();
    }
}
