package org.udre.system;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.udre.engine.ledger.Ledger;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.Jobs;

/** Placement across hosts of different sizes, one of them down. */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PlacementTest {

    @DynamicPropertySource
    static void hosts(DynamicPropertyRegistry registry) {
        SilentTsi.register(registry);
        host(registry, 0, "small", SimulatedHosts.describe("small", 2, 1024));
        host(registry, 1, "medium", SimulatedHosts.describe("medium", 8, 8 * 1024));
        host(registry, 2, "big", SimulatedHosts.describe("big", 16, 32 * 1024));
        host(registry, 3, "down", "test:///nonexistent/udre-host-that-is-down.xml");
    }

    private static void host(DynamicPropertyRegistry registry, int index, String name, String uri) {
        String prefix = "udre.hosts[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "uri", () -> uri);
        registry.add(prefix + "pool", () -> "udre");
        registry.add(prefix + "network", () -> "default");
        registry.add(prefix + "tsi", () -> "local");
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
    Ledger ledger;

    JobProbe probe;

    @BeforeEach
    void setUp() {
        probe = new JobProbe(jobs, engine, hosts);
    }

    @Test
    void a_vm_goes_to_the_host_with_the_most_free_memory_and_the_reason_names_every_skipped_host() {
        JobStatus status = run(job(1, 4 * 1024));

        assertThat(status.state()).isEqualTo("SUCCEEDED");
        assertThat(status.host()).isEqualTo("big");
        assertThat(status.placement())
                .startsWith("big: ")
                .contains("small: 1024 MiB free, the VM needs 4096")
                .contains("down: unreachable");
    }

    @Test
    void a_vm_with_more_cores_than_a_host_has_skips_that_host() {
        JobStatus status = run(job(12, 256));

        assertThat(status.host()).isEqualTo("big");
        assertThat(status.placement()).contains("medium: 8 cores, the VM needs 12");
    }

    @Test
    void a_host_that_already_holds_the_image_is_preferred_over_one_with_more_free_memory() {
        for (String host : new String[] {"small", "big"}) {
            hosts.volumes(host).delete("udre", "udre-test-1.0.qcow2"); // left by earlier jobs, if any
        }
        hosts.volumes("medium").create("udre", "udre-test-1.0.qcow2", 1L << 30, "qcow2");
        try {
            JobStatus status = run(job(1, 512));

            assertThat(status.host()).isEqualTo("medium");
            assertThat(status.placement()).startsWith("medium: holds image udre-test:1.0");
        } finally {
            hosts.volumes("medium").delete("udre", "udre-test-1.0.qcow2");
        }
    }

    @Test
    void a_vm_no_host_can_take_fails_the_job_with_every_hosts_reason_and_makes_nothing() {
        ProcessInstance instance = probe.start(job(1, 64 * 1024));
        JobStatus status = probe.awaitEnd(instance);

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failureCode()).isEqualTo("PROVISIONING_FAILED");
        assertThat(status.failureReason()).contains("no host can take a VM of udre-test:1.0")
                .contains("big: ").contains("medium: ").contains("small: ").contains("down: unreachable");
        assertThat(ledger.ofOwner(instance.getId())).isEmpty();
    }

    private JobStatus run(JobRequest request) {
        ProcessInstance instance = probe.start(request);
        JobStatus status = probe.awaitEnd(instance);
        assertThat(probe.leftAnythingOn(status.host(), instance)).isFalse();
        return status;
    }

    private static JobRequest job(int cores, int memoryMiB) {
        return new JobRequest("udre-test:1.0", "echo placed", null, null, cores, memoryMiB, null, null);
    }
}
