package org.udre.connectors.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuestContextTest {

    private static final GuestContext CONTEXT = new GuestContext("udre-42", "udre-42", "192.168.150.1", 4433,
            List.of("192.168.150.1", "10.0.0.5"), List.of("alice"), "/var/lib/udre/jobs");

    @Test
    void the_env_file_names_the_engine_port_allowed_addresses_users_and_workspace_in_shell_quotes() {
        assertThat(CONTEXT.env()).contains("""
                ENGINE_ADDRESS='192.168.150.1'
                TSI_PORT='4433'
                TSI_ALLOW='192.168.150.1,10.0.0.5'
                TSI_USERS='alice'
                TSI_WORKSPACE='/var/lib/udre/jobs'
                """);
    }

    @Test
    void the_engine_is_always_allowed_and_the_image_default_workspace_is_left_alone() {
        String env = GuestContext.of("vm", "vm", "192.168.150.1", 4433).env();

        assertThat(env).contains("TSI_ALLOW='192.168.150.1'\n").doesNotContain("TSI_WORKSPACE");
    }

    @Test
    void the_seed_carries_meta_data_the_env_file_and_a_cloud_config_writing_the_same_file_and_starting_the_tsi() {
        NoCloudSeed seed = CONTEXT.seed();

        assertThat(seed.metaData()).isEqualTo("instance-id: udre-42\nlocal-hostname: udre-42\n");
        assertThat(seed.files()).containsOnlyKeys("udre.env").containsEntry("udre.env", CONTEXT.env());
        assertThat(seed.userData()).startsWith("#cloud-config\n")
                .contains("  - path: /etc/udre/udre.env\n")
                .contains("      TSI_PORT='4433'\n")
                .endsWith("runcmd:\n  - [/usr/sbin/udre-tsi-start]\n");
        CONTEXT.env().lines().forEach(line -> assertThat(seed.userData()).contains("      " + line + "\n"));
    }

    @ParameterizedTest(name = "{0} [{1}] is refused: {2}")
    @CsvSource(delimiter = '|', value = {
            "hostname  | a_b              | host name 'a_b' is not 1-63 letters",
            "engine    | 1.2.3.4;reboot   | engine address '1.2.3.4;reboot' is not an IP address or host name",
            "allowed   | 'x y'            | allowed address 'x y' is not an IP address or host name",
            "user      | root             | user 'root' is not a Unix user name other than root",
            "user      | Alice'           | user 'Alice'' is not a Unix user name",
            "workspace | /a/../etc        | workspace '/a/../etc' is not an absolute path",
            "workspace | jobs             | workspace 'jobs' is not an absolute path",
            "port      | 0                | TSI port 0 is not between 1 and 65535",
    })
    void every_bad_value_is_refused_quoted_before_it_can_reach_a_shell_in_the_guest(String field, String value,
                                                                                   String message) {
        assertThatThrownBy(() -> new GuestContext("vm",
                field.equals("hostname") ? value : "vm",
                field.equals("engine") ? value : "192.168.150.1",
                field.equals("port") ? Integer.parseInt(value) : 4433,
                field.equals("allowed") ? List.of(value) : List.of(),
                field.equals("user") ? List.of(value) : List.of(),
                field.equals("workspace") ? value : null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
