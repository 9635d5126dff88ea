package org.udre.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    @ParameterizedTest(name = "{0} includes {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            ">=5.1,<6     | 5.1      | true",
            ">=5.1,<6     | 5.10     | true",
            ">=5.1,<6     | 5.2.3    | true",
            ">=5.1,<6     | 6.0      | false",
            ">=5.1,<6     | 6.0-rc1  | true",
            ">=5.1,<6     | 5.0.9    | false",
            "5.2          | 5.2.0    | true",
            "=5.2         | 5.2.1    | false",
            "!=5.2        | 5.2.0    | false",
            "!=5.2        | 5.3      | true",
            ">2.0-rc1     | 2.0      | true",
            "<2.0         | 2.0-rc1  | true",
            "<=1.0        | 1.0.0    | true",
            "' >= 1 , < 2 '| 1.5     | true",
    })
    void a_range_includes_the_versions_every_constraint_allows(String range, String version, boolean included) {
        assertThat(VersionRange.parse(range).includes(Version.parse(version))).isEqualTo(included);
    }

    @ParameterizedTest(name = "\"{0}\" is not a range")
    @ValueSource(strings = {"latest", ">=", "5.1,", ",5.1", "~5.1", "5.1 || 6", ">=5.1;<6", "=>5"})
    void text_that_is_not_a_range_is_rejected_with_the_text_quoted(String text) {
        assertThatThrownBy(() -> VersionRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest(name = "\"{0}\" is written {1}")
    @CsvSource(delimiter = '|', value = {"' >= 5.1 , <6 ' | >=5.1,<6", "5.2 | =5.2", "'' | ''"})
    void a_range_is_shown_in_its_normal_spelling(String text, String shown) {
        assertThat(VersionRange.parse(text)).hasToString(shown);
    }
}
