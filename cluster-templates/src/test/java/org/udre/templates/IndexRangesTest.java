package org.udre.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IndexRangesTest {

    @ParameterizedTest(name = "{0} with {1}..{2} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ''          | 0  | 3  | 0-2
            0-2         | 3  | 5  | 0-4
            0-2         | 5  | 6  | 0-2,5
            5-7         | 0  | 2  | 0-1,5-7
            0-1,5-7     | 2  | 5  | 0-7
            0-1,5-7     | 1  | 6  | 0-7
            0,2,4       | 1  | 2  | 0-2,4
            0-9         | 3  | 4  | 0-9
            0-1,9       | 4  | 4  | 0-1,9
            """)
    void adding_a_range_merges_what_touches_or_overlaps(String before, int from, int to, String after) {
        assertThat(IndexRanges.parse(before).with(from, to)).hasToString(after);
    }

    @ParameterizedTest(name = "{0} without {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0-4     | 2  | 0-1,3-4
            0-4     | 0  | 1-4
            0-4     | 4  | 0-3
            7       | 7  | ''
            0-4     | 9  | 0-4
            0-1,3-4 | 2  | 0-1,3-4
            """)
    void removing_an_index_splits_its_range(String before, int index, String after) {
        assertThat(IndexRanges.parse(before).without(index)).hasToString(after);
    }

    @ParameterizedTest(name = "{0} without its {1} highest is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0-9      | 3 | 0-6
            0-1,5-7  | 3 | 0-1
            0-1,5-7  | 4 | 0
            0-1,5-7  | 0 | 0-1,5-7
            0-1,5-7  | 5 | ''
            """)
    void dropping_the_highest_indices_takes_them_from_the_top(String before, int n, String after) {
        assertThat(IndexRanges.parse(before).withoutHighest(n)).hasToString(after);
    }

    @Test
    void size_contains_highest_and_indices_agree() {
        IndexRanges ranges = IndexRanges.parse("0-1,5-7,10");

        assertThat(ranges.size()).isEqualTo(6);
        assertThat(ranges.contains(6)).isTrue();
        assertThat(ranges.contains(3)).isFalse();
        assertThat(ranges.highest()).isEqualTo(10);
        assertThat(ranges.indices().toArray()).containsExactly(0, 1, 5, 6, 7, 10);
        assertThat(IndexRanges.empty().highest()).isEqualTo(-1);
        assertThat(IndexRanges.range(0, 2500).toString()).isEqualTo("0-2499");
    }

    @ParameterizedTest(name = "\"{0}\" is not a list of index ranges")
    @ValueSource(strings = {"a", "1-", "-1", "3-1", "1,1", "2,1", "0-2,2-4", "1 ,2", "99999999999"})
    void text_that_is_not_ascending_separate_ranges_is_refused(String text) {
        assertThatThrownBy(() -> IndexRanges.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }
}
