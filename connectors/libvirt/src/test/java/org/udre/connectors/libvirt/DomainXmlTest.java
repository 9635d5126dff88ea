package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class DomainXmlTest {

    private static final DomainSpec SPEC = new DomainSpec("udre-7-node-0", "qemu", 2, 2048, "udre",
            "udre-7-node-0.qcow2", "default", Map.of("owner", "pi-7", "note", "<b>&'\" ]]>"));

    private static String value(Document xml, String xpath) {
        return XmlDocuments.values(xml, xpath).stream().findFirst().orElse(null);
    }

    @Test
    void a_spec_renders_as_a_domain_with_its_name_type_cores_and_memory() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC));

        assertThat(value(xml, "/domain/@type")).isEqualTo("qemu");
        assertThat(value(xml, "/domain/name")).isEqualTo("udre-7-node-0");
        assertThat(value(xml, "/domain/vcpu")).isEqualTo("2");
        assertThat(value(xml, "/domain/memory")).isEqualTo("2048");
        assertThat(value(xml, "/domain/memory/@unit")).isEqualTo("MiB");
    }

    @Test
    void the_guest_can_power_itself_off_and_a_powered_off_or_crashed_guest_is_gone() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC));

        assertThat(XmlDocuments.values(xml, "/domain/features/acpi")).hasSize(1);
        assertThat(value(xml, "/domain/on_poweroff")).isEqualTo("destroy");
        assertThat(value(xml, "/domain/on_reboot")).isEqualTo("restart");
        assertThat(value(xml, "/domain/on_crash")).isEqualTo("destroy");
    }

    @Test
    void the_disk_is_the_qcow2_volume_named_by_pool_and_volume() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC));

        assertThat(value(xml, "/domain/devices/disk/@type")).isEqualTo("volume");
        assertThat(value(xml, "/domain/devices/disk/driver/@type")).isEqualTo("qcow2");
        assertThat(value(xml, "/domain/devices/disk/source/@pool")).isEqualTo("udre");
        assertThat(value(xml, "/domain/devices/disk/source/@volume")).isEqualTo("udre-7-node-0.qcow2");
        assertThat(value(xml, "/domain/devices/disk/target/@dev")).isEqualTo("vda");
    }

    @Test
    void a_network_gives_one_virtio_nic_on_it_and_no_network_gives_none() {
        Document withNic = XmlDocuments.parse(DomainXml.render(SPEC));
        Document withoutNic = XmlDocuments.parse(DomainXml.render(new DomainSpec("vm", "test", 1, 64, "p", "v",
                null, Map.of())));

        assertThat(value(withNic, "/domain/devices/interface/@type")).isEqualTo("network");
        assertThat(value(withNic, "/domain/devices/interface/source/@network")).isEqualTo("default");
        assertThat(value(withNic, "/domain/devices/interface/model/@type")).isEqualTo("virtio");
        assertThat(XmlDocuments.values(withoutNic, "/domain/devices/interface")).isEmpty();
    }

    @Test
    void metadata_sits_under_the_udre_namespace_with_every_value_escaped() {
        String rendered = DomainXml.render(SPEC);
        Document xml = XmlDocuments.parse(rendered);

        assertThat(rendered).doesNotContain("<b>&'");
        assertThat(xml.getElementsByTagNameNS(DomainXml.METADATA_NAMESPACE, "owner").item(0).getTextContent())
                .isEqualTo("pi-7");
        assertThat(xml.getElementsByTagNameNS(DomainXml.METADATA_NAMESPACE, "note").item(0).getTextContent())
                .isEqualTo("<b>&'\" ]]>");
    }

    @Test
    void a_metadata_entry_is_read_back_from_what_libvirt_returns_for_the_namespace() {
        String returnedByLibvirt = "<metadata>\n  <owner>pi-7</owner>\n  <note>&lt;b&gt;</note>\n</metadata>";

        assertThat(DomainXml.metadataEntry(returnedByLibvirt, "owner")).contains("pi-7");
        assertThat(DomainXml.metadataEntry(returnedByLibvirt, "note")).contains("<b>");
        assertThat(DomainXml.metadataEntry(returnedByLibvirt, "cluster")).isEmpty();
    }

    @Test
    void a_direct_boot_gives_kernel_initrd_and_command_line_as_host_paths_instead_of_booting_the_disk() {
        DomainSpec spec = SPEC.withDirectBoot(new DirectBoot("guest.vmlinuz", "guest.initrd", "console=ttyS0 quiet"));

        Document xml = XmlDocuments.parse(DomainXml.render(spec, volume -> "/pools/udre/" + volume));

        assertThat(value(xml, "/domain/os/kernel")).isEqualTo("/pools/udre/guest.vmlinuz");
        assertThat(value(xml, "/domain/os/initrd")).isEqualTo("/pools/udre/guest.initrd");
        assertThat(value(xml, "/domain/os/cmdline")).isEqualTo("console=ttyS0 quiet");
        assertThat(XmlDocuments.values(xml, "/domain/os/boot")).isEmpty();
    }

    @Test
    void a_seed_volume_is_a_read_only_cdrom_of_the_same_pool_on_a_virtio_scsi_controller() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC.withSeedVolume("udre-7-seed.iso")));

        assertThat(value(xml, "/domain/devices/controller[@type='scsi']/@model")).isEqualTo("virtio-scsi");
        assertThat(value(xml, "/domain/devices/disk[@device='cdrom']/source/@pool")).isEqualTo("udre");
        assertThat(value(xml, "/domain/devices/disk[@device='cdrom']/source/@volume")).isEqualTo("udre-7-seed.iso");
        assertThat(value(xml, "/domain/devices/disk[@device='cdrom']/target/@bus")).isEqualTo("scsi");
        assertThat(XmlDocuments.values(xml, "/domain/devices/disk[@device='cdrom']/readonly")).hasSize(1);
        assertThat(value(xml, "/domain/devices/disk[@device='disk']/source/@volume")).isEqualTo("udre-7-node-0.qcow2");
    }

    @Test
    void a_console_log_is_the_first_serial_port_written_to_that_file() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC.withConsoleLog(Path.of("/var/log/udre/x.log"))));

        assertThat(value(xml, "/domain/devices/serial/@type")).isEqualTo("file");
        assertThat(value(xml, "/domain/devices/serial/source/@path")).isEqualTo("/var/log/udre/x.log");
        assertThat(value(xml, "/domain/devices/serial/target/@port")).isEqualTo("0");
    }

    @Test
    void a_plain_spec_boots_its_disk_and_has_no_kernel_cdrom_or_serial_port() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC));

        assertThat(value(xml, "/domain/os/boot/@dev")).isEqualTo("hd");
        assertThat(XmlDocuments.values(xml, "/domain/os/kernel")).isEmpty();
        assertThat(XmlDocuments.values(xml, "/domain/devices/disk[@device='cdrom']")).isEmpty();
        assertThat(XmlDocuments.values(xml, "/domain/devices/serial")).isEmpty();
    }

    @Test
    void no_usb_controller_and_no_memory_balloon_are_added_to_a_server() {
        Document xml = XmlDocuments.parse(DomainXml.render(SPEC));

        assertThat(value(xml, "/domain/devices/controller[@type='usb']/@model")).isEqualTo("none");
        assertThat(value(xml, "/domain/devices/memballoon/@model")).isEqualTo("none");
    }
}
