package org.udre.system.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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

    ClusterProbe(Clusters clusters, Hosts hosts, Ledger ledger) {
        this.clusters = clusters;
        this.hosts = hosts;
        this.ledger = ledger;
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

    /** A role of the test image, one core and 128 MiB a node. */
    static String role(String name, int count, String more) {
        return "  " + name + ":\n"
                + "    image: udre-test:1.0\n"
                + "    size: {cores: 1, memoryMiB: 128}\n"
                + "    count: " + count + "\n"
                + "    readyWithin: PT1M\n"
                + more.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
    }
}
