package org.udre.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.Condition;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;

/** The job lifecycle end to end: provision, boot, wait for the TSI, run the job, tear down. */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RunJobInVmTest {

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

    JobProbe probe;

    @BeforeEach
    void setUp() {
        init(engine);
        probe = new JobProbe(jobs, engine, hosts);
    }

    @Test
    void a_job_returns_its_output_and_exit_code_after_passing_every_step_in_order_and_leaves_nothing_on_the_host() {
        ProcessInstance instance = probe.start(JobProbe.onSim("echo hello from the VM; echo done"));

        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("SUCCEEDED");
        assertThat(status.exitCode()).isZero();
        assertThat(status.tsiVersion()).isEqualTo("11.2.1");
        assertThat(probe.stdout(instance)).isEqualTo("hello from the VM\ndone\n");
        assertThat(instance).hasPassedInOrder("ProvisionImage", "BootVm", "WaitForTsi", "RunJob", "Teardown",
                "JobSucceeded");
        assertThat(status.conditions()).extracting(Condition::type, Condition::status, Condition::reason)
                .containsExactly(
                        tuple("Provisioned", Condition.Status.TRUE, "VolumeCreated"),
                        tuple("Booted", Condition.Status.TRUE, "DomainStarted"),
                        tuple("TsiReady", Condition.Status.TRUE, "Ready"),
                        tuple("JobRunning", Condition.Status.FALSE, "Finished"),
                        tuple("TornDown", Condition.Status.TRUE, "Removed"));
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
    }

    @Test
    void a_job_that_exits_non_zero_ends_failed_with_that_exit_code_and_its_vm_torn_down() {
        ProcessInstance instance = probe.start(JobProbe.onSim("echo about to fail; exit 3"));

        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.failureCode()).isEqualTo("JOB_FAILED");
        assertThat(status.failureReason()).isEqualTo("the job exited with code 3");
        assertThat(probe.stdout(instance)).isEqualTo("about to fail\n");
        assertThat(instance).hasPassed("TeardownAfterFailure", "JobFailedEnd");
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
    }

    @Test
    void a_job_with_more_output_than_is_kept_keeps_its_beginning_and_says_how_much_there_was() {
        ProcessInstance instance = probe.start(JobProbe.onSim("head -c 100000 /dev/zero | tr '\\0' x"));

        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("SUCCEEDED");
        assertThat(probe.stdout(instance)).hasSize(65536).matches("x+");
        assertThat(probe.variable(instance, "stdoutBytes")).isEqualTo(100000L);
    }

    @Test
    void a_tsi_that_never_calls_back_hits_the_readiness_deadline_and_the_vm_is_torn_down() {
        ProcessInstance instance = probe.start(JobProbe.onSilent("echo never runs"));

        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failureCode()).isEqualTo("TSI_NOT_READY");
        assertThat(status.failureReason()).startsWith("the TSI was not ready within PT3S: NO_CALLBACK");
        assertThat(status.conditions()).filteredOn(condition -> condition.type().equals("TsiReady"))
                .extracting(Condition::status, Condition::reason)
                .containsExactly(tuple(Condition.Status.FALSE, "NoCallback"));
        assertThat(instance).hasPassed("TsiDeadline", "TeardownAfterFailure").hasNotPassed("RunJob");
        assertThat(probe.leftAnythingOn("silent", instance)).isFalse();
    }

    @Test
    void cancelling_a_running_job_aborts_it_through_the_tsi_and_tears_the_vm_down() {
        ProcessInstance instance = probe.start(JobProbe.onSim("echo started; sleep 300; echo not reached"));
        await().atMost(JobProbe.PATIENCE).until(() -> jobs.status(instance.getId()).bssid() != null);

        jobs.cancel(instance.getId(), "the user changed their mind");
        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("CANCELLED");
        assertThat(status.failureReason()).isEqualTo("the user changed their mind");
        assertThat(instance).hasPassed("AbortJob", "TeardownAfterCancel", "JobCancelled").hasNotPassed("CollectResult");
        assertThat(AbortedJobs.abortResult(engine, instance)).isEqualTo("job " + status.bssid() + " aborted");
        assertThat(AbortedJobs.isRunning(status.bssid())).isFalse();
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
    }

    @Test
    void a_job_for_an_image_that_does_not_exist_is_refused_and_starts_nothing() {
        long before = runtime.createProcessInstanceQuery().count();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jobs.start(JobRequest.of("no-such-image:9", "true")))
                .hasMessageContaining("no-such-image");

        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

}
