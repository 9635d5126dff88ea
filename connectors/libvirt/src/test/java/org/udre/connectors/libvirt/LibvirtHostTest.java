package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibvirtHostTest {

    @Test
    void a_host_that_cannot_be_reached_is_a_connection_error_naming_the_uri(@TempDir Path dir) {
        String uri = "test://" + dir.resolve("no-such-description.xml");

        assertThatThrownBy(() -> LibvirtHost.connect(uri))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.CONNECTION))
                .hasMessageStartingWith("connect to host on " + uri + " failed: ");
    }

    @Test
    void a_missing_uri_is_refused() {
        assertThatThrownBy(() -> LibvirtHost.connect(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("libvirt URI is missing: got ' '");
    }

    @Test
    void the_default_test_host_has_16_cores_3_gib_and_offers_the_test_domain_type() {
        try (LibvirtHost host = LibvirtHost.connect("test:///default")) {
            HostCapacity capacity = host.capacity();

            assertThat(capacity.cores()).isEqualTo(16);
            assertThat(capacity.memoryMiB()).isEqualTo(3072);
            assertThat(capacity.freeMemoryMiB()).isBetween(0L, 3072L);
            assertThat(host.domainTypes()).containsExactly("test");
            assertThat(host.defaultDomainType()).isEqualTo("test");
        }
    }

    @Test
    void a_closed_host_is_not_alive_refuses_further_calls_and_closes_again_harmlessly() {
        LibvirtHost host = LibvirtHost.connect("test:///default");
        assertThat(host.isAlive()).isTrue();

        host.close();
        host.close();

        assertThat(host.isAlive()).isFalse();
        assertThatThrownBy(() -> host.virtualMachines().state("test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the connection to test:///default is closed");
    }

    @Test
    void many_threads_can_share_one_host_and_leave_nothing_behind(@TempDir Path dir) throws Exception {
        try (LibvirtHost host = LibvirtHost.connect(TestHostDescription.writeInto(dir))) {
            VirtualMachines vms = host.virtualMachines();
            Volumes volumes = host.volumes();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String name = "mt-" + i;
                    work.add(pool.submit(() -> {
                        volumes.createOverlay(TestHostDescription.POOL, name + ".qcow2", TestHostDescription.BASE,
                                TestHostDescription.BASE_BYTES);
                        vms.define(new DomainSpec(name, "test", 1, 64, TestHostDescription.POOL, name + ".qcow2",
                                TestHostDescription.NETWORK, Map.of("owner", name)));
                        vms.start(name);
                        assertThat(vms.state(name)).isEqualTo(VmState.RUNNING);
                        assertThat(vms.metadata(name, "owner")).contains(name);
                        vms.destroy(name);
                        vms.undefine(name);
                        volumes.delete(TestHostDescription.POOL, name + ".qcow2");
                    }));
                }
                for (Future<?> done : work) {
                    done.get();
                }
            } finally {
                pool.shutdown();
            }

            assertThat(vms.names()).isEmpty();
            assertThat(volumes.names(TestHostDescription.POOL)).containsExactly(TestHostDescription.BASE);
        }
    }

    @Test
    void the_gateway_of_a_network_is_the_hosts_own_ipv4_address_on_it() {
        try (LibvirtHost host = LibvirtHost.connect("test:///default")) {
            assertThat(host.networkGateway("default")).isEqualTo("192.168.122.1");
        }
    }

    @Test
    void the_gateway_of_a_network_that_does_not_exist_is_a_not_found_error_naming_it() {
        try (LibvirtHost host = LibvirtHost.connect("test:///default")) {
            assertThatThrownBy(() -> host.networkGateway("no-such-net"))
                    .isInstanceOfSatisfying(LibvirtException.class,
                            e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND))
                    .hasMessageContaining("network 'no-such-net' on test:///default");
        }
    }
}
