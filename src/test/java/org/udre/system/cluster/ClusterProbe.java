package org.udre.system.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.udre.connectors.libvirt.SimulatedHost;
import org.udre.engine.cluster.ClusterState;
import org.udre.engine.cluster.ClusterStatus;
import org.udre.engine.cluster.Clusters;
import org.udre.engine.hosts.Hosts;
import org.udre.engine.ledger.Ledger;
import org.udre.engine.ledger.LedgerEntry;

/** Starts clusters from small templates and looks at what they left behind, for the cluster tests. */
final class ClusterProbe {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final String HOST = "big";

    private final Clusters clusters;
    private final Hosts hosts;
    private final Ledger ledger;
    private final ProcessEngine engine;

    ClusterProbe(Clusters clusters, Hosts hosts, Ledger ledger, ProcessEngine engine) {
        this.clusters = clusters;
        this.hosts = hosts;
        this.ledger = ledger;
        this.engine = engine;
    }

    /** One simulated host large enough for every cluster of the tests, its VMs served by the engine's own TSI. */
    static void oneBigHost(DynamicPropertyRegistry registry) {
        registry.add("udre.hosts[0].name", () -> HOST);
        registry.add("udre.hosts[0].uri", () -> {
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("udre-big-", ".xml");
                file.toFile().deleteOnExit();
                return new SimulatedHost(4096, 16L * 1024 * 1024, "udre", "default").writeTo(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        registry.add("udre.hosts[0].pool", () -> "udre");
        registry.add("udre.hosts[0].network", () -> "default");
        registry.add("udre.hosts[0].tsi", () -> "local");
        registry.add("udre.clusters.poll-interval", () -> "PT0.2S");
        registry.add("udre.clusters.health-interval", () -> "PT0.5S");
    }

    ClusterStatus awaitState(String name, ClusterState... states) {
        List<ClusterState> wanted = Arrays.asList(states);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> wanted.contains(clusters.status(name).state()));
        return clusters.status(name);
    }

    /** Waits until the cluster's reason says this, e.g. that a failed cluster's nodes are all gone. */
    ClusterStatus awaitReason(String name, String text) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> String.valueOf(clusters.status(name).reason()).contains(text));
        return clusters.status(name);
    }

    /** Waits until these nodes' own processes have reported their VMs gone. */
    void awaitNodesGone(String cluster, String... nodes) {
        List<String> names = Arrays.asList(nodes);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> clusters.nodes(cluster).stream()
                        .filter(node -> names.contains(node.name()) && node.vmRemoved()).count() == names.size());
    }

    /** Waits until no process instance of any kind runs: every cluster, role and node process has ended. */
    void awaitNoProcesses() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
    }

    /** Whether the cluster's process ever marked it RUNNING. */
    boolean everRunning(String name) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(clusters.status(name).id()).activityId("MarkRunning").count() > 0;
    }

    /** Whether the node's domain or volume is on the host. */
    boolean leftOnHost(String node) {
        return hosts.virtualMachines(HOST).names().contains(node)
                || hosts.volumes(HOST).names("udre").contains(node + ".qcow2");
    }

    /** Whether any domain or volume of the cluster's nodes is still on the host or open in the ledger. */
    boolean leftAnything(String name) {
        boolean domains = hosts.virtualMachines(HOST).names().stream().anyMatch(domain -> domain.startsWith(name + "-"));
        boolean volumes = hosts.volumes(HOST).names("udre").stream().anyMatch(volume -> volume.startsWith(name + "-"));
        boolean open = ledger.open(HOST).stream().map(LedgerEntry::name).anyMatch(entry -> entry.startsWith(name + "-"));
        return domains || volumes || open;
    }

    /** A template of roles given as YAML, each role indented by four spaces under "roles:". */
    static String template(String name, String lease, String roles) {
        return "name: " + name + "\n"
                + "description: A cluster of the system tests.\n"
                + "lease: " + lease + "\n"
                + "roles:\n" + roles;
    }

    /** A role of the test image, one core and 128 MiB a node, ready within a minute. */
    static String role(String name, int count, String more) {
        return role(name, count, "PT1M", more);
    }

    /** A role of the test image, one core and 128 MiB a node. */
    static String role(String name, int count, String readyWithin, String more) {
        return "  " + name + ":\n"
                + "    image: udre-test:1.0\n"
                + "    size: {cores: 1, memoryMiB: 128}\n"
                + "    count: " + count + "\n"
                + "    readyWithin: " + readyWithin + "\n"
                + more.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    }
}
