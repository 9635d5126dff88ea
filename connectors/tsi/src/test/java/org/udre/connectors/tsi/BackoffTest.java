package org.udre.connectors.tsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), Duration.ofSeconds(60));

    @ParameterizedTest(name = "after {0} failures and {1}s: wait {2}")
    @CsvSource({
            "1, 0, PT1S",
            "2, 1, PT2S",
            "3, 3, PT4S",
            "4, 7, PT8S",
            "5, 15, PT10S",
            "50, 25, PT10S",
            "6, 55, PT5S",
            "6, 59.5, PT0.5S"})
    void delays_grow_by_the_factor_up_to_the_cap_and_never_past_the_deadline(int failures, double elapsedSeconds, String expected) {
        assertThat(backoff.nextDelay(failures, Duration.ofMillis((long) (elapsedSeconds * 1000))))
                .hasValue(Duration.parse(expected));
    }

    @ParameterizedTest(name = "after {0}s there is no next attempt")
    @CsvSource({"60", "61", "3600"})
    void past_the_deadline_there_is_no_next_attempt(long elapsedSeconds) {
        assertThat(backoff.nextDelay(3, Duration.ofSeconds(elapsedSeconds))).isEmpty();
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, {3} is refused")
    @CsvSource({"PT0S, 2, PT10S, PT60S", "PT1S, 0.5, PT10S, PT60S", "PT1S, NaN, PT10S, PT60S", "PT5S, 2, PT1S, PT60S",
            "PT1S, 2, PT10S, PT0S"})
    void nonsensical_settings_are_refused_with_the_bad_value(String initial, double factor, String max, String deadline) {
        assertThatThrownBy(() -> new Backoff(Duration.parse(initial), factor, Duration.parse(max), Duration.parse(deadline)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got");
    }

    @ParameterizedTest(name = "the default backoff waits {1} after {0} failures")
    @CsvSource({"1, PT1S", "2, PT2S", "5, PT16S", "6, PT30S", "9, PT30S"})
    void the_default_backoff_starts_at_one_second_and_doubles_to_half_a_minute(int failures, String expected) {
        assertThat(Backoff.until(Duration.ofMinutes(10)).nextDelay(failures, Duration.ZERO)).hasValue(Duration.parse(expected));
    }
}
