package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host of our own, described to libvirt's test driver: 16 cores, 32 GiB, pool "udre" holding base.qcow2. */
class HostDescriptionTest {

    @TempDir
    Path dir;
    private String uri;
    private LibvirtHost host;

    @BeforeEach
    void connect() {
        uri = TestHostDescription.writeInto(dir);
        host = LibvirtHost.connect(uri);
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void capacity_is_read_from_the_description_and_running_domains_use_free_memory() {
        assertThat(host.capacity()).isEqualTo(new HostCapacity(TestHostDescription.CORES,
                TestHostDescription.MEMORY_MIB, TestHostDescription.MEMORY_MIB));

        host.virtualMachines().define(new DomainSpec("hd-big", "test", 4, 8192, TestHostDescription.POOL,
                "hd-big.qcow2", null, Map.of()));
        host.virtualMachines().start("hd-big");

        assertThat(host.capacity().freeMemoryMiB()).isEqualTo(TestHostDescription.MEMORY_MIB - 8192);
    }

    @Test
    void the_test_driver_offers_the_test_domain_type_and_it_is_the_default() {
        assertThat(host.domainTypes()).containsExactly("test");
        assertThat(host.defaultDomainType()).isEqualTo("test");
    }

    @Test
    void a_guest_is_provisioned_from_the_base_volume_of_the_description_and_torn_down_without_a_trace() {
        VirtualMachines vms = host.virtualMachines();
        Volumes volumes = host.volumes();
        DomainSpec spec = new DomainSpec("hd-node-0", "test", 2, 1024, TestHostDescription.POOL,
                "hd-node-0.qcow2", TestHostDescription.NETWORK, Map.of("owner", "pi-1"));

        volumes.createOverlay(spec.pool(), spec.volume(), TestHostDescription.BASE, 10L << 30);
        vms.define(spec);
        vms.start(spec.name());

        assertThat(vms.state(spec.name())).isEqualTo(VmState.RUNNING);
        assertThat(vms.addresses(spec.name())).isNotEmpty();
        assertThat(vms.metadata(spec.name(), "owner")).contains("pi-1");

        vms.destroy(spec.name());
        vms.undefine(spec.name());
        volumes.delete(spec.pool(), spec.volume());

        assertThat(vms.names()).isEmpty();
        assertThat(volumes.names(TestHostDescription.POOL)).containsExactly(TestHostDescription.BASE);
    }

    @Test
    void two_connects_to_the_same_description_are_two_separate_hosts_so_keep_one_per_uri() {
        host.virtualMachines().define(new DomainSpec("hd-private", "test", 1, 64, TestHostDescription.POOL,
                "hd-private.qcow2", null, Map.of()));

        try (LibvirtHost second = LibvirtHost.connect(uri)) {
            assertThat(second.uri()).isEqualTo(host.uri());
            assertThat(second.virtualMachines().state("hd-private")).isEqualTo(VmState.ABSENT);
        }
        assertThat(host.virtualMachines().state("hd-private")).isEqualTo(VmState.SHUT_OFF);
    }
}
