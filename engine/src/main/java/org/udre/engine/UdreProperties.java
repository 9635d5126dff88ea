package org.udre.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The engine's settings under the {@code udre} prefix. Defaults and the meaning of every key are in
 * application.yml, the one configuration file; this record only checks that the values fit together.
 */
@ConfigurationProperties(prefix = "udre")
public record UdreProperties(Path home, Catalog catalog, List<Host> hosts, LocalTsi localTsi, Tsi tsi, Lifecycle lifecycle,
                             Reconciler reconciler, Health health, Clusters clusters) {

    public UdreProperties {
        Objects.requireNonNull(home, "udre.home is required");
        Objects.requireNonNull(catalog, "udre.catalog is required");
        Objects.requireNonNull(localTsi, "udre.local-tsi is required");
        Objects.requireNonNull(tsi, "udre.tsi is required");
        Objects.requireNonNull(lifecycle, "udre.lifecycle is required");
        Objects.requireNonNull(reconciler, "udre.reconciler is required");
        Objects.requireNonNull(health, "udre.health is required");
        Objects.requireNonNull(clusters, "udre.clusters is required");
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("udre.hosts must name at least one libvirt host");
        }
        Set<String> names = new HashSet<>();
        Set<String> uris = new HashSet<>();
        for (Host host : hosts) {
            if (!names.add(host.name())) {
                throw new IllegalArgumentException("udre.hosts names the host '" + host.name() + "' twice");
            }
            // Two names for one host would each see the other's VMs as strays.
            if (!uris.add(host.uri())) {
                throw new IllegalArgumentException("udre.hosts has the URI '" + host.uri() + "' twice");
            }
        }
        hosts = List.copyOf(hosts);
    }

    public record Catalog(String directory) {
        public Catalog {
            directory = directory == null ? "" : directory.trim();
        }
    }

    /** One libvirt host; see application.yml for each key. */
    public record Host(String name, String uri, String pool, String network, String domainType, String tsi,
                       String engineAddress, List<String> allowedAddresses, Path consoleLogDirectory) {
        public Host {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("udre.hosts[].name must be letters, digits, '.', '-' or '_', not '" + name + "'");
            }
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("udre.hosts[" + name + "].uri is required");
            }
            if (pool == null || pool.isBlank()) {
                throw new IllegalArgumentException("udre.hosts[" + name + "].pool is required");
            }
            network = network == null || network.isBlank() ? null : network.trim();
            domainType = domainType == null || domainType.isBlank() ? null : domainType.trim();
            tsi = tsi == null || tsi.isBlank() ? "libvirt" : tsi.trim();
            if (!tsi.equals("libvirt") && !tsi.equals("local") && !tsi.matches(".+:\\d+")) {
                throw new IllegalArgumentException(
                        "udre.hosts[" + name + "].tsi must be 'libvirt', 'local' or host:port, not '" + tsi + "'");
            }
            engineAddress = engineAddress == null || engineAddress.isBlank() ? null : engineAddress.trim();
            allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
            if (consoleLogDirectory != null && !consoleLogDirectory.isAbsolute()) {
                throw new IllegalArgumentException("udre.hosts[" + name + "].console-log-directory must be an absolute"
                        + " path on the host, not '" + consoleLogDirectory + "'");
            }
        }
    }

    public record LocalTsi(int port, Path workspace, Duration callbackDelay, boolean loginShell) {
        public LocalTsi {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("udre.local-tsi.port must be 0..65535, not " + port);
            }
            Objects.requireNonNull(workspace, "udre.local-tsi.workspace is required");
            callbackDelay = callbackDelay == null ? Duration.ZERO : callbackDelay;
        }
    }

    public record Tsi(Duration connectTimeout, Duration callbackTimeout, Duration readTimeout,
                      String replyBindAddress, int replyPort, int maxIdlePerAddress) {
    }

    public record Reconciler(Duration interval) {
        public Reconciler {
            requirePositive(interval, "udre.reconciler.interval");
        }
    }

    public record Health(Duration interval) {
        public Health {
            requirePositive(interval, "udre.health.interval");
        }
    }

    public record Clusters(String templatesDirectory, Duration pollInterval, Duration healthInterval) {
        public Clusters {
            templatesDirectory = templatesDirectory == null ? "" : templatesDirectory.trim();
            requirePositive(pollInterval, "udre.clusters.poll-interval");
            requirePositive(healthInterval, "udre.clusters.health-interval");
        }
    }

    public record Lifecycle(String retryCycle, String teardownRetryCycle, Duration jobPollInterval,
                            Duration tsiBackoffInitial, Duration tsiBackoffMax, DataSize maxOutputBytes) {
        public Lifecycle {
            Objects.requireNonNull(retryCycle, "udre.lifecycle.retry-cycle is required");
            Objects.requireNonNull(teardownRetryCycle, "udre.lifecycle.teardown-retry-cycle is required");
            requirePositive(jobPollInterval, "udre.lifecycle.job-poll-interval");
            requirePositive(tsiBackoffInitial, "udre.lifecycle.tsi-backoff-initial");
            requirePositive(tsiBackoffMax, "udre.lifecycle.tsi-backoff-max");
            Objects.requireNonNull(maxOutputBytes, "udre.lifecycle.max-output-bytes is required");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, not " + value);
        }
    }
}
