package org.udre.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.mockito.Mockito.doAnswer;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;

/** A host that refuses the VM: the job fails with libvirt's reason and nothing of it stays on the host. */
@SystemTest
// Stubbing a spy is not safe while other threads call it: no scheduled work in this engine.
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LibvirtRefusalTest {

    @DynamicPropertySource
    static void silentTsi(DynamicPropertyRegistry registry) {
        SilentTsi.register(registry);
    }

    @MockitoSpyBean
    Hosts hosts;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Jobs jobs;
    @Autowired
    RuntimeService runtime;

    @BeforeEach
    void setUp() {
        init(engine);
    }

    @ParameterizedTest(name = "libvirt refusing to {0} the domain")
    @EnumSource(RefusingVirtualMachines.Operation.class)
    void a_refused_domain_fails_the_job_with_libvirts_reason_and_is_torn_down(RefusingVirtualMachines.Operation refused) {
        doAnswer(call -> {
            VirtualMachines real = (VirtualMachines) call.callRealMethod();
            return new RefusingVirtualMachines(real, refused, hosts.settings("sim").uri());
        }).when(hosts).virtualMachines("sim");
        JobProbe probe = new JobProbe(jobs, engine, hosts);

        ProcessInstance instance = probe.start(JobProbe.onSim("echo never runs"));
        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failureCode()).isEqualTo("BOOT_FAILED");
        assertThat(status.failureReason()).contains(RefusingVirtualMachines.REFUSAL);
        assertThat(instance).hasPassed("TeardownAfterFailure").hasNotPassed("WaitForTsi");
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
    }
}
