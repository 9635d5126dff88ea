package org.udre.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import java.util.UUID;

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
import org.udre.connectors.libvirt.DomainSpec;
import org.udre.connectors.libvirt.VirtualMachines;
import org.udre.connectors.libvirt.VmState;
import org.udre.engine.UdreProperties;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Installation;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry;
import org.udre.engine.ledger.LedgerEntry.Kind;
import org.udre.engine.ledger.LedgerEntry.State;
import org.udre.engine.ledger.ReconcileReport;
import org.udre.engine.ledger.Reconciler;
import org.udre.engine.lifecycle.JobRequest;
import org.udre.engine.lifecycle.Jobs;
import org.udre.engine.lifecycle.VmNames;

/**
 * The ledger records every domain and volume before it is made; the reconciler removes what ended instances left
 * and adopts what running ones made without recording it.
 */
@SystemTest
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerAndReconcilerTest {

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
    Ledger ledger;
    @Autowired
    Reconciler reconciler;
    @Autowired
    Installation installation;

    /** The test image's base volume, which every job on the host has put into its pool. */
    static final String BASE = "udre-test-1.0.qcow2";

    JobProbe probe;
    UdreProperties.Host sim;
    VirtualMachines vms;

    @BeforeEach
    void setUp() {
        init(engine);
        probe = new JobProbe(jobs, engine, hosts);
        sim = hosts.settings("sim");
        vms = hosts.virtualMachines("sim");
    }

    @Test
    void a_finished_job_leaves_its_domain_and_volume_in_the_ledger_as_gone() {
        ProcessInstance instance = probe.start(JobProbe.onSim("true"));
        probe.awaitEnd(instance);

        assertThat(ledger.ofOwner(instance.getId()))
                .extracting(LedgerEntry::kind, LedgerEntry::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Kind.VOLUME, State.GONE),
                        org.assertj.core.groups.Tuple.tuple(Kind.DOMAIN, State.GONE));
    }

    @Test
    void what_a_crashed_attempt_of_an_ended_job_left_behind_is_removed_by_one_reconciliation() {
        ProcessInstance instance = probe.start(JobProbe.onSim("true"));
        probe.awaitEnd(instance);
        VmNames names = VmNames.of(instance.getId());
        // As an attempt that died after making them would have left them: planned in the ledger, present on the host.
        ledger.plan("sim", Kind.VOLUME, names.volume(), sim.pool(), instance.getId());
        hosts.volumes("sim").createOverlay(sim.pool(), names.volume(), BASE, 1L << 30);
        ledger.plan("sim", Kind.DOMAIN, names.domain(), null, instance.getId());
        vms.define(domain(names.domain(), names.volume(), instance.getId(), installation.id()));
        vms.start(names.domain());

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.removed()).anyMatch(line -> line.contains(names.domain()))
                .anyMatch(line -> line.contains(names.volume()));
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
        assertThat(ledger.ofOwner(instance.getId())).allMatch(entry -> entry.state() == State.GONE);
    }

    @Test
    void a_domain_a_running_job_made_but_never_recorded_as_made_is_adopted_and_kept() {
        ProcessInstance instance = probe.start(JobProbe.onSim("sleep 30"));
        await().atMost(JobProbe.PATIENCE).until(() -> jobs.status(instance.getId()).bssid() != null);
        VmNames names = VmNames.of(instance.getId());
        ledger.mark("sim", Kind.DOMAIN, names.domain(), State.PLANNED, "as if the engine died before recording it");

        ReconcileReport report = reconciler.reconcile();

        assertThat(report.adopted()).anyMatch(line -> line.contains(names.domain()));
        assertThat(ledger.find("sim", Kind.DOMAIN, names.domain())).get()
                .extracting(LedgerEntry::state).isEqualTo(State.PRESENT);
        assertThat(vms.state(names.domain())).isEqualTo(VmState.RUNNING);
        jobs.cancel(instance.getId(), "test done");
        probe.awaitEnd(instance);
        assertThat(probe.leftAnythingOn("sim", instance)).isFalse();
    }

    @Test
    void a_domain_no_ledger_knows_is_removed_when_it_carries_our_installation_and_an_ended_owner() {
        String ended = UUID.randomUUID().toString();
        String name = "udre-stray-" + ended;
        vms.define(domain(name, null, ended, installation.id()));
        vms.start(name);

        reconciler.reconcile();

        assertThat(vms.state(name)).isEqualTo(VmState.ABSENT);
        assertThat(ledger.find("sim", Kind.DOMAIN, name)).get()
                .extracting(LedgerEntry::state).isEqualTo(State.GONE);
    }

    @Test
    void a_domain_of_another_installation_on_a_shared_host_is_never_touched() {
        String name = "udre-foreign-" + UUID.randomUUID();
        vms.define(domain(name, null, UUID.randomUUID().toString(), "another-installation"));
        try {
            reconciler.reconcile();

            assertThat(vms.state(name)).isEqualTo(VmState.SHUT_OFF);
            assertThat(ledger.find("sim", Kind.DOMAIN, name)).isEmpty();
        } finally {
            vms.undefine(name);
        }
    }

    private DomainSpec domain(String name, String volume, String owner, String madeBy) {
        return new DomainSpec(name, hosts.domainType("sim"), 1, 128, sim.pool(), volume == null ? BASE : volume, null,
                Map.of(Reconciler.OWNER_KEY, owner, Reconciler.INSTALLATION_KEY, madeBy));
    }
}
