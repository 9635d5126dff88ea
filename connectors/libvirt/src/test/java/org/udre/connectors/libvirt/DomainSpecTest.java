package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainSpecTest {

    private static DomainSpec withName(String name) {
        return new DomainSpec(name, "test", 1, 64, "pool", "vm.qcow2", "default", Map.of());
    }

    @Test
    void a_spec_keeps_what_it_was_given_with_metadata_sorted_by_key() {
        DomainSpec spec = new DomainSpec("udre-42-worker-3", "qemu", 2, 1024, "udre", "udre-42-worker-3.qcow2",
                null, Map.of("owner", "pi-42", "cluster", "c-7"));

        assertThat(spec.name()).isEqualTo("udre-42-worker-3");
        assertThat(spec.network()).isNull();
        assertThat(spec.metadata()).containsExactly(Map.entry("cluster", "c-7"), Map.entry("owner", "pi-42"));
    }

    @ParameterizedTest(name = "domain name [{0}] is refused")
    @ValueSource(strings = {"", " ", "vm 1", "a/b", "../etc", "-rf", ".hidden", "vm\n1", "vm;rm", "ümlaut",
            "x12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"})
    void a_name_that_is_not_libvirt_safe_is_refused_with_the_name_quoted(String bad) {
        assertThatThrownBy(() -> withName(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain name " + LibvirtNames.quote(bad) + " is not a libvirt-safe name");
    }

    @ParameterizedTest(name = "domain name [{0}] is accepted")
    @ValueSource(strings = {"a", "vm-1", "udre_42.worker-3", "9lives"})
    void a_libvirt_safe_name_is_accepted(String good) {
        assertThat(withName(good).name()).isEqualTo(good);
    }

    @ParameterizedTest(name = "{0} {1} is refused: {2}")
    @CsvSource(delimiter = '|', value = {
            "pool    | my pool  | pool name 'my pool' is not a libvirt-safe name",
            "volume  | a/b.img  | volume name 'a/b.img' is not a libvirt-safe name",
            "network | br 0     | network name 'br 0' is not a libvirt-safe name",
            "type    | xen      | domain type 'xen' is not one of test, qemu, kvm",
            "cores   | 0        | cores must be at least 1, got 0",
            "memory  | 0        | memory must be at least 1 MiB, got 0",
    })
    void every_bad_field_is_refused_with_the_bad_value_quoted(String field, String value, String message) {
        assertThatThrownBy(() -> new DomainSpec("vm",
                field.equals("type") ? value : "test",
                field.equals("cores") ? Integer.parseInt(value) : 1,
                field.equals("memory") ? Long.parseLong(value) : 64,
                field.equals("pool") ? value : "pool",
                field.equals("volume") ? value : "vm.qcow2",
                field.equals("network") ? value : null,
                Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "metadata key [{0}] is refused")
    @ValueSource(strings = {"", "1st", "has space", "a:b", "<x>"})
    void a_metadata_key_that_cannot_be_an_xml_element_name_is_refused(String bad) {
        assertThatThrownBy(() -> new DomainSpec("vm", "test", 1, 64, "p", "v", null, Map.of(bad, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata key " + LibvirtNames.quote(bad));
    }

    @Test
    void a_metadata_value_with_a_control_character_is_refused_and_shown_escaped() {
        assertThatThrownBy(() -> new DomainSpec("vm", "test", 1, 64, "p", "v", null, Map.of("owner", "a\u0000b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata 'owner' value 'a\\u0000b' contains control characters");
    }

    @Test
    void a_metadata_value_may_hold_xml_special_characters_and_characters_outside_the_bmp() {
        DomainSpec spec = new DomainSpec("vm", "test", 1, 64, "p", "v", null, Map.of("owner", "<a & 'b'> \uD83D\uDE00"));

        assertThat(spec.metadata()).containsEntry("owner", "<a & 'b'> \uD83D\uDE00");
    }

    @Test
    void missing_metadata_is_refused_and_later_changes_to_the_given_map_do_not_leak_in() {
        assertThatThrownBy(() -> new DomainSpec("vm", "test", 1, 64, "p", "v", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata is missing (domain 'vm')");

        Map<String, String> given = new HashMap<>(Map.of("owner", "pi-1"));
        DomainSpec spec = new DomainSpec("vm", "test", 1, 64, "p", "v", null, given);
        given.put("owner", "someone-else");

        assertThat(spec.metadata()).containsEntry("owner", "pi-1");
    }

    @Test
    void the_eight_argument_constructor_gives_a_spec_without_direct_boot_console_log_or_seed() {
        DomainSpec spec = withName("vm");

        assertThat(spec.directBoot()).isNull();
        assertThat(spec.consoleLog()).isNull();
        assertThat(spec.seedVolume()).isNull();
    }

    @Test
    void each_with_method_adds_its_part_and_keeps_the_others() {
        DirectBoot boot = new DirectBoot("k.vmlinuz", "k.initrd", "console=ttyS0");

        DomainSpec spec = withName("vm").withDirectBoot(boot).withConsoleLog(Path.of("/var/log/vm.log"))
                .withSeedVolume("vm-seed.iso");

        assertThat(spec.directBoot()).isEqualTo(boot);
        assertThat(spec.consoleLog()).isEqualTo(Path.of("/var/log/vm.log"));
        assertThat(spec.seedVolume()).isEqualTo("vm-seed.iso");
        assertThat(spec.volume()).isEqualTo("vm.qcow2");
        assertThat(spec.withSeedVolume(null).directBoot()).isEqualTo(boot);
    }

    @Test
    void a_console_log_that_is_not_an_absolute_path_is_refused_with_the_path_quoted() {
        assertThatThrownBy(() -> withName("vm").withConsoleLog(Path.of("logs/vm.log")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("console log 'logs/vm.log' is not an absolute path");
    }

    @Test
    void a_seed_volume_that_is_the_disk_or_not_libvirt_safe_is_refused() {
        assertThatThrownBy(() -> withName("vm").withSeedVolume("vm.qcow2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed volume 'vm.qcow2' cannot also be the disk of domain 'vm'");
        assertThatThrownBy(() -> withName("vm").withSeedVolume("../seed.iso"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed volume name '../seed.iso' is not a libvirt-safe name");
    }

    @ParameterizedTest(name = "kernel {0}, initrd {1}, cmdline [{2}] is refused: {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "a/vmlinuz | i        | quiet       | kernel volume name 'a/vmlinuz' is not a libvirt-safe name",
            "k         | -initrd  | quiet       | initrd volume name '-initrd' is not a libvirt-safe name",
            "k         | i        | NULL        | kernel command line is missing",
            "k         | i        | 'a\tb'      | kernel command line 'a\\u0009b' is not up to 2048 printable ASCII",
    })
    void a_direct_boot_with_a_bad_part_is_refused_with_the_value_quoted(String kernel, String initrd, String cmdline,
                                                                       String message) {
        assertThatThrownBy(() -> new DirectBoot(kernel, initrd, cmdline))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void a_direct_boot_may_go_without_an_initrd_and_with_an_empty_command_line() {
        assertThat(new DirectBoot("k.vmlinuz", null, "").initrdVolume()).isNull();
    }
}
