package dev.sluice.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryAfterTest {

    private final Instant now = Instant.parse("2026-11-03T09:59:59.250Z");

    @Test
    void delayIsRoundedUpToWholeSeconds() {
        assertThat(RetryAfter.after(Duration.ofMillis(1001), now).seconds()).isEqualTo(2);
        assertThat(RetryAfter.after(Duration.ofSeconds(120), now).seconds()).isEqualTo(120);
    }

    @Test
    void delayIsAtLeastOneSecondEvenWhenTheEndHasPassed() {
        assertThat(RetryAfter.after(Duration.ZERO, now).seconds()).isEqualTo(1);
        assertThat(RetryAfter.at(now.minusSeconds(30), now).seconds()).isEqualTo(1);
        assertThat(RetryAfter.after(Duration.ofMillis(1), now).seconds()).isEqualTo(1);
    }

    @Test
    void delaySecondsAreDigitsOnly() {
        assertThat(RetryAfter.at(now.plusMillis(119_500), now).headerValue(RetryAfterFormat.DELAY_SECONDS)).isEqualTo("120");
    }

    @Test
    void httpDateIsImfFixdateWithTwoDigitDayInGmt() {
        RetryAfter r = RetryAfter.after(Duration.ofSeconds(1), now);

        assertThat(r.headerValue(RetryAfterFormat.HTTP_DATE)).isEqualTo("Tue, 03 Nov 2026 10:00:00 GMT");
    }

    @Test
    void aValueBelowOneSecondCannotBeMade() {
        assertThatThrownBy(() -> new RetryAfter(0, now)).hasMessageContaining("at least 1");
    }
}
