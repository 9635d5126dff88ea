package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {
    @ParameterizedTest(name = "{0} is host {1} port {2}")
    @CsvSource({"localhost:4433, localhost, 4433", "10.0.0.7:1, 10.0.0.7, 1", "[::1]:4433, ::1, 4433",
            "' vm-3.example.org:65535 ', vm-3.example.org, 65535"})
    void addresses_parse_from_host_colon_port(String text, String host, int port) {
        TsiAddress address = TsiAddress.parse(text);
        assertThat(address).isEqualTo(new TsiAddress(host, port));
        assertThat(TsiAddress.parse(address.toString())).isEqualTo(address);
    }

    @ParameterizedTest(name = "''{0}'' is not an address")
    @ValueSource(strings = {"", "localhost", "localhost:", ":4433", "localhost:0", "localhost:65536", "host:port",
            "::1:4433", "a b:4433"})
    void bad_addresses_are_refused_quoting_the_text(String text) {
        assertThatThrownBy(() -> TsiAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({"10.3.9, 10.4.0", "10.4.0, 10.10.0", "9.9.9, 10.0", "11.2.0, 11.2.1", "11.2.1-SNAPSHOT, 11.2.2", "11, 11.0.1"})
    void versions_compare_numerically(String older, String newer) {
        assertThat(TsiVersion.parse(older)).isLessThan(TsiVersion.parse(newer));
        assertThat(TsiVersion.parse(newer).isAtLeast(TsiVersion.parse(older))).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is not a version")
    @ValueSource(strings = {"", "v11", "eleven", "11..2", "TSI_OK"})
    void non_versions_are_refused(String text) {
        assertThatThrownBy(() -> TsiVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "identity ''{0}'' ''{1}''")
    @CsvSource({"alice, NONE", "bob, DEFAULT_GID", "carol, users:DEFAULT_GID", "d.e-f_1, grp1:grp2", "machine$, NONE"})
    void identities_are_a_login_and_a_group_specification(String user, String groups) {
        assertThat(new Identity(user, groups).toString()).isEqualTo(user + " " + groups);
    }

    @ParameterizedTest(name = "identity ''{0}'' ''{1}'' is refused")
    @CsvSource({"'', NONE", "'alice bob', NONE", "'alice\nENDOFMESSAGE', NONE", "alice, ''", "alice, 'a b'",
            "alice, 'users:'", "alice, 'NONE\n#TSI_PING'", "-rf, NONE"})
    void identities_that_would_add_words_or_lines_are_refused(String user, String groups) {
        assertThatThrownBy(() -> new Identity(user, groups)).isInstanceOf(IllegalArgumentException.class);
    }
}
