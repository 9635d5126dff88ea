package org.udre.system.realvms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.udre.connectors.libvirt.VmState;
import org.udre.engine.UdreApplication;
import org.udre.engine.UdreProperties;
import org.udre.engine.cli.RealHostSetup;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry;
import org.udre.engine.lifecycle.Condition;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.JobStatus;
import org.udre.engine.lifecycle.JobVariables;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.lifecycle.VmNames;

/**
 * run-job-in-vm on real QEMU guests (TCG, 1 vCPU, 256 MiB) of this machine's libvirtd, through the engine's profile
 * "real" as {@code udre demo --real} uses it: the guest gets its address on the NAT network "udre" by DHCP, the engine
 * finds it in the leases, and the guest's TSI, told the engine's address by its cloud-init seed, calls back to it.
 * Run by the Maven profile real-vms only (root, QEMU, libvirtd); the host set-up and the guest image build run first.
 * Prints, per guest, the seconds from the job's start to a ready TSI.
 *
 * <p>The tests run one after the other, so that "alone" and "three at once" mean what they say.
 */
@Tag("real-vms")
@SpringBootTest(classes = UdreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"real", "real-vms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RealVmJobsTest {

    private static final String GUEST = "udre-guest:1.1";
    private static final String GUEST_WITHOUT_TSI = "udre-guest-noagent:1.0";
    private static final String HOST = "qemu";
    /** Generous: emulated guests on a loaded two-core machine. Waits end as soon as the job has. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @Autowired
    ProcessEngine engine;
    @Autowired
    Jobs jobs;
    @Autowired
    Hosts hosts;
    @Autowired
    Ledger ledger;
    @Autowired
    HistoryService history;

    /** Before the engine starts: its reconciler looks at qemu:///system at once. */
    @BeforeAll
    static void prepareThisMachineAsALibvirtHost() {
        new RealHostSetup(System.out).run();
    }

    /** The image whose TSI never comes up is the tests' own, not one UDRE ships. */
    @DynamicPropertySource
    static void testImages(DynamicPropertyRegistry registry) throws URISyntaxException {
        Path images = Path.of(Objects.requireNonNull(RealVmJobsTest.class.getResource("/real-vms")).toURI());
        registry.add("udre.catalog.directory", images::toString);
    }

    @BeforeEach
    void setUp() {
        init(engine);
    }

    @Test
    @Order(1)
    void one_job_runs_on_a_real_guest_returns_its_output_and_exit_code_and_leaves_no_domain_volume_or_seed() {
        String id = jobs.start(new JobRequest(GUEST, """
                echo "hello from $(hostname)"
                uname -r
                echo "engine at $(grep ENGINE_ADDRESS /etc/udre/udre.env)"
                """, null, null, null, null, HOST, null));
        ProcessInstance instance = instance(id);

        JobStatus status = awaitEnd(id);

        assertThat(status.state()).as(describe(status)).isEqualTo("SUCCEEDED");
        assertThat(status.exitCode()).isZero();
        assertThat(stdout(id)).startsWith("hello from " + VmNames.of(id).domain() + "\n")
                .contains("amd64").contains("engine at ENGINE_ADDRESS='192.168.150.1'");
        assertThat(variable(id, JobVariables.TSI_ADDRESS)).asString().startsWith("192.168.150.").endsWith(":4433");
        assertThat(variable(id, JobVariables.SEED_NAME)).isEqualTo(VmNames.of(id).seed());
        assertThat(instance).hasPassedInOrder("ProvisionImage", "BootVm", "WaitForTsi", "RunJob", "Teardown",
                "JobSucceeded");
        assertThat(status.conditions()).extracting(Condition::type, Condition::status, Condition::message)
                .contains(tuple("TornDown", Condition.Status.TRUE, "domain, volume and seed removed"));
        System.out.printf("real-vms: job %s on %s: TSI ready %.1f s after the job started (alone)%n", id,
                status.vm(), secondsToTsiReady(status));
        assertNothingLeftOf(id);
        deleteConsoleLogOf(id);
    }

    @Test
    @Order(2)
    void a_guest_whose_tsi_never_comes_up_fails_at_its_readiness_deadline_and_is_torn_down() throws IOException {
        String id = jobs.start(new JobRequest(GUEST_WITHOUT_TSI, "echo never runs", null, null, null, null, HOST,
                null));
        ProcessInstance instance = instance(id);

        JobStatus status = awaitEnd(id);

        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failureCode()).isEqualTo("TSI_NOT_READY");
        // Past the deadline with no TSI: either the port is shut, or (on a very busy machine) the lease came late.
        assertThat(status.failureReason()).matches(
                "the TSI was not ready within PT45S: (UNREACHABLE: .*Connection refused.*|the VM has no network address yet)");
        assertThat(status.exitCode()).isNull();
        assertThat(instance).hasPassed("TsiDeadline", "TeardownAfterFailure").hasNotPassed("RunJob");
        // The guest did come up and said why there is no TSI: it was not a failed boot.
        String console = Files.readString(Path.of((String) variable(id, JobVariables.CONSOLE_LOG)));
        assertThat(console).contains("udre-guest: user space reached").contains("this guest has no tsi agent");
        System.out.printf("real-vms: job %s on %s without TSI: %s after %s readiness checks, last: %s%n", id,
                status.vm(), status.failureCode(), variable(id, JobVariables.TSI_CHECKS),
                variable(id, JobVariables.TSI_READINESS));
        assertNothingLeftOf(id);
        deleteConsoleLogOf(id);
    }

    @Test
    @Order(3)
    void three_jobs_at_once_each_run_on_a_guest_of_their_own() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(jobs.start(new JobRequest(GUEST, "echo \"job " + i + " on $(hostname)\"", null, null, null, null,
                    HOST, null)));
        }

        List<JobStatus> statuses = ids.stream().map(this::awaitEnd).toList();

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            JobStatus status = statuses.get(i);
            assertThat(status.state()).as(describe(status)).isEqualTo("SUCCEEDED");
            assertThat(stdout(id)).isEqualTo("job " + (i + 1) + " on " + VmNames.of(id).domain() + "\n");
            System.out.printf("real-vms: job %s on %s: TSI ready %.1f s after the job started (three at once)%n", id,
                    status.vm(), secondsToTsiReady(status));
        }
        assertThat(ids.stream().map(id -> variable(id, JobVariables.TSI_ADDRESS))).doesNotHaveDuplicates();
        ids.forEach(this::assertNothingLeftOf);
        ids.forEach(this::deleteConsoleLogOf);
    }

    /** No domain, disk or seed of the job on the host, and the ledger knows every one of them as gone. */
    private void assertNothingLeftOf(String id) {
        UdreProperties.Host host = hosts.settings(HOST);
        VmNames names = VmNames.of(id);
        assertThat(hosts.virtualMachines(HOST).state(names.domain())).isEqualTo(VmState.ABSENT);
        assertThat(hosts.volumes(HOST).exists(host.pool(), names.volume())).isFalse();
        assertThat(hosts.volumes(HOST).exists(host.pool(), names.seed())).isFalse();
        assertThat(ledger.ofOwner(id)).extracting(LedgerEntry::kind, LedgerEntry::name, LedgerEntry::state)
                .containsExactlyInAnyOrder(
                        tuple(LedgerEntry.Kind.SEED, names.seed(), LedgerEntry.State.GONE),
                        tuple(LedgerEntry.Kind.VOLUME, names.volume(), LedgerEntry.State.GONE),
                        tuple(LedgerEntry.Kind.DOMAIN, names.domain(), LedgerEntry.State.GONE));
    }

    /** The engine keeps a VM's console log for diagnosis; a test that passed needs none, one that failed keeps it. */
    private void deleteConsoleLogOf(String id) {
        try {
            Files.deleteIfExists(Path.of((String) variable(id, JobVariables.CONSOLE_LOG)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobStatus awaitEnd(String id) {
        await("job " + id).atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> jobs.status(id).ended());
        return jobs.status(id);
    }

    private static double secondsToTsiReady(JobStatus status) {
        Condition ready = status.conditions().stream().filter(c -> c.type().equals("TsiReady")).findFirst()
                .orElseThrow();
        assertThat(ready.status()).isEqualTo(Condition.Status.TRUE);
        return Duration.between(status.startedAt(), ready.since()).toMillis() / 1000.0;
    }

    private ProcessInstance instance(String id) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private String stdout(String id) {
        return jobs.output(id, JobVariables.STDOUT).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
    }

    private Object variable(String id, String name) {
        var variable = history.createHistoricVariableInstanceQuery().processInstanceId(id).variableName(name)
                .disableBinaryFetching().singleResult();
        return variable == null ? null : variable.getValue();
    }

    private static String describe(JobStatus status) {
        return status.id() + " " + status.state() + " " + status.failureCode() + ": " + status.failureReason()
                + "; conditions " + status.conditions();
    }
}
