package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest(name = "{0} is older than {1}")
    @CsvSource({
            "1.9,       1.10",
            "1.0,       1.0.1",
            "1.2.3,     1.3",
            "9,         10",
            "2.0-rc1,   2.0",
            "2.0-rc2,   2.0-rc10",
            "2.0-alpha, 2.0-beta",
            "2.0-beta,  2.0-rc1",
            "2.0,       2.1-rc1",
            "10.3.9,    10.4.0",
            "99999999999999999999, 100000000000000000000",
            "1.0,       1.0.0",
    })
    void versions_are_ordered_numerically_segment_by_segment(String older, String newer) {
        assertThat(Version.parse(older)).isLessThan(Version.parse(newer));
        assertThat(Version.parse(newer)).isGreaterThan(Version.parse(older));
    }

    @Test
    void a_version_equals_only_a_version_spelled_the_same() {
        assertThat(Version.parse("1.10")).isEqualTo(Version.parse("1.10")).hasSameHashCodeAs(Version.parse("1.10"));
        assertThat(Version.parse("1.0")).isNotEqualTo(Version.parse("1.0.0"));
        assertThat(Version.parse("01.2").compareTo(Version.parse("1.2"))).isNotZero();
    }

    @Test
    void sorting_puts_versions_in_release_order() {
        List<String> sorted = Stream.of("1.10", "2.0", "1.9", "2.0-rc1", "1.9.1", "10.0")
                .map(Version::parse).sorted().map(Version::toString).toList();

        assertThat(sorted).containsExactly("1.9", "1.9.1", "1.10", "2.0-rc1", "2.0", "10.0");
    }

    @ParameterizedTest(name = "\"{0}\" is not a version")
    @ValueSource(strings = {"", "latest", "1.", ".1", "1..2", "v1.0", "1.0-", "1.0 beta", "1,0", "1.0-rc_1"})
    void text_that_is_not_a_version_is_rejected_with_the_text_quoted(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }
}
