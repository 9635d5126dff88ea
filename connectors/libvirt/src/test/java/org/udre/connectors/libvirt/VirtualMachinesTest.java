package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

/** Virtual machines on libvirt's shared in-process test host, test:///default. */
class VirtualMachinesTest {

    private static final String PREFIX = "vmt-";
    private static LibvirtHost host;
    private static VirtualMachines vms;

    @BeforeAll
    static void connect() {
        host = LibvirtHost.connect("test:///default");
        vms = host.virtualMachines();
    }

    @AfterEach
    void leaveNothingBehind() {
        for (String name : vms.names()) {
            if (name.startsWith(PREFIX)) {
                vms.destroy(name);
                vms.undefine(name);
            }
        }
    }

    @AfterAll
    static void close() {
        host.close();
    }

    private static DomainSpec spec(String name, String network, Map<String, String> metadata) {
        return new DomainSpec(name, "test", 1, 128, "default-pool", name + ".qcow2", network, metadata);
    }

    @Test
    void a_domain_goes_through_define_start_destroy_undefine_and_its_state_follows() {
        String name = PREFIX + "lifecycle";
        assertThat(vms.state(name)).isEqualTo(VmState.ABSENT);

        vms.define(spec(name, "default", Map.of()));
        assertThat(vms.state(name)).isEqualTo(VmState.SHUT_OFF);
        assertThat(vms.names()).contains(name);

        vms.start(name);
        assertThat(vms.state(name)).isEqualTo(VmState.RUNNING);

        vms.destroy(name);
        assertThat(vms.state(name)).isEqualTo(VmState.SHUT_OFF);

        vms.undefine(name);
        assertThat(vms.state(name)).isEqualTo(VmState.ABSENT);
        assertThat(vms.names()).doesNotContain(name);
    }

    @Test
    void defining_a_name_that_exists_adopts_the_existing_domain_unchanged() {
        String name = PREFIX + "adopt";
        vms.define(spec(name, null, Map.of("owner", "first-try")));
        vms.start(name);

        vms.define(spec(name, null, Map.of("owner", "second-try")));

        assertThat(vms.metadata(name, "owner")).contains("first-try");
        assertThat(vms.state(name)).isEqualTo(VmState.RUNNING);
        assertThat(vms.names()).filteredOn(name::equals).hasSize(1);
    }

    @Test
    void starting_a_running_domain_is_success() {
        String name = PREFIX + "start-twice";
        vms.define(spec(name, null, Map.of()));
        vms.start(name);

        vms.start(name);

        assertThat(vms.state(name)).isEqualTo(VmState.RUNNING);
    }

    @Test
    void starting_a_domain_that_does_not_exist_fails_naming_domain_and_host() {
        assertThatThrownBy(() -> vms.start(PREFIX + "missing"))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND))
                .hasMessageStartingWith("start domain 'vmt-missing' on test:///default failed: ");
    }

    @Test
    void destroying_or_undefining_what_is_absent_or_not_running_is_success() {
        String name = PREFIX + "teardown";
        vms.destroy(name);
        vms.undefine(name);

        vms.define(spec(name, null, Map.of()));
        vms.destroy(name);
        vms.destroy(name);
        vms.undefine(name);
        vms.undefine(name);

        assertThat(vms.state(name)).isEqualTo(VmState.ABSENT);
    }

    @Test
    void a_running_domain_on_a_network_has_an_ipv4_address_and_a_stopped_one_has_none() {
        String name = PREFIX + "addresses";
        vms.define(spec(name, "default", Map.of()));
        assertThat(vms.addresses(name)).isEmpty();

        vms.start(name);

        assertThat(vms.addresses(name)).singleElement().asString().startsWith("192.168.122.");
    }

    @Test
    void asking_the_addresses_of_a_domain_that_does_not_exist_fails_as_not_found() {
        assertThatThrownBy(() -> vms.addresses(PREFIX + "nowhere"))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND));
    }

    @Test
    void metadata_written_at_define_is_read_back_exactly_including_xml_special_characters() {
        String name = PREFIX + "metadata";
        vms.define(spec(name, null, Map.of("owner", "process-instance 4f2a", "note", "a<b & c>'d'\"")));

        assertThat(vms.metadata(name, "owner")).contains("process-instance 4f2a");
        assertThat(vms.metadata(name, "note")).contains("a<b & c>'d'\"");
        assertThat(vms.metadata(name, "cluster")).isEmpty();
        assertThat(vms.metadata(PREFIX + "nowhere", "owner")).isEmpty();
    }

    @Test
    void a_domain_made_outside_udre_has_no_udre_metadata() {
        assertThat(vms.names()).contains("test");

        assertThat(vms.metadata("test", "owner")).isEmpty();
    }

    @Test
    void a_domain_someone_else_named_freely_can_still_be_inspected_and_torn_down() throws Exception {
        Connect libvirt = new Connect("test:///default");
        try {
            libvirt.domainDefineXML("<domain type='test'><name>vmt foreign &amp; odd</name>"
                    + "<memory unit='MiB'>64</memory><os><type>hvm</type></os></domain>").create();
            String name = "vmt foreign & odd";
            assertThat(vms.names()).contains(name);

            assertThat(vms.state(name)).isEqualTo(VmState.RUNNING);
            assertThat(vms.metadata(name, "owner")).isEmpty();
            vms.destroy(name);
            vms.undefine(name);

            assertThat(vms.state(name)).isEqualTo(VmState.ABSENT);
        } finally {
            libvirt.close();
        }
    }

    @Test
    void a_missing_name_is_refused_before_libvirt_is_asked() {
        assertThatThrownBy(() -> vms.destroy(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain name is missing: got ''");
    }

    @Test
    void a_direct_boot_is_defined_with_the_host_paths_of_its_kernel_and_initrd_volumes() throws Exception {
        String name = PREFIX + "kernel";
        Volumes volumes = host.volumes();
        volumes.create("default-pool", "vmt-guest.vmlinuz", 1 << 20, "raw");
        volumes.create("default-pool", "vmt-guest.initrd", 1 << 20, "raw");
        try {
            vms.define(spec(name, null, Map.of()).withDirectBoot(
                    new DirectBoot("vmt-guest.vmlinuz", "vmt-guest.initrd", "console=ttyS0")));

            Connect libvirt = new Connect("test:///default");
            try {
                String xml = libvirt.domainLookupByName(name).getXMLDesc(0);
                assertThat(XmlDocuments.values(XmlDocuments.parse(xml), "/domain/os/kernel"))
                        .containsExactly(volumes.path("default-pool", "vmt-guest.vmlinuz"));
                assertThat(XmlDocuments.values(XmlDocuments.parse(xml), "/domain/os/initrd"))
                        .containsExactly(volumes.path("default-pool", "vmt-guest.initrd"));
            } finally {
                libvirt.close();
            }
        } finally {
            volumes.delete("default-pool", "vmt-guest.vmlinuz");
            volumes.delete("default-pool", "vmt-guest.initrd");
        }
    }

    @Test
    void a_direct_boot_whose_kernel_volume_is_missing_is_a_not_found_error_and_nothing_is_defined() {
        String name = PREFIX + "no-kernel";

        assertThatThrownBy(() -> vms.define(spec(name, null, Map.of()).withDirectBoot(
                new DirectBoot("vmt-no-such.vmlinuz", null, ""))))
                .isInstanceOfSatisfying(LibvirtException.class,
                        e -> assertThat(e.reason()).isEqualTo(LibvirtException.Reason.NOT_FOUND))
                .hasMessageContaining("boot volume 'vmt-no-such.vmlinuz' does not exist in pool 'default-pool'");

        assertThat(vms.state(name)).isEqualTo(VmState.ABSENT);
    }
}
