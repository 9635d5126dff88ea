package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostCapabilitiesTest {

    @Test
    void the_domain_types_of_a_qemu_host_are_listed_once_each_in_the_order_given() {
        String capabilities = """
                <capabilities>
                  <host><cpu><arch>x86_64</arch></cpu></host>
                  <guest><os_type>hvm</os_type>
                    <arch name='i686'><domain type='qemu'/><domain type='kvm'/></arch></guest>
                  <guest><os_type>hvm</os_type>
                    <arch name='x86_64'><domain type='qemu'/><domain type='kvm'/></arch></guest>
                </capabilities>""";

        assertThat(HostCapabilities.domainTypes(capabilities)).containsExactly("qemu", "kvm");
    }

    @ParameterizedTest(name = "offered [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "test       | test",
            "qemu,kvm   | kvm",
            "kvm,qemu   | kvm",
            "qemu       | qemu",
            "''         | qemu",
    })
    void the_default_domain_type_is_test_then_kvm_then_qemu(String offered, String expected) {
        List<String> types = offered.isEmpty() ? List.of() : Arrays.asList(offered.split(","));

        assertThat(HostCapabilities.defaultDomainType(types)).isEqualTo(expected);
    }
}
