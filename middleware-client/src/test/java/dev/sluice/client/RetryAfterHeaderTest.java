package dev.sluice.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryAfterHeaderTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:59:30.250Z");
    private static final Duration CAP = Duration.ofHours(1);

    @Test
    void delaySecondsAreAWaitOfThatManySeconds() {
        assertThat(RetryAfterHeader.parse("120", NOW, CAP)).hasValue(Duration.ofSeconds(120));
        assertThat(RetryAfterHeader.parse("0", NOW, CAP)).hasValue(Duration.ZERO);
        assertThat(RetryAfterHeader.parse("007", NOW, CAP)).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void spacesAndTabsAroundTheValueAreIgnored() {
        assertThat(RetryAfterHeader.parse(" \t5\t ", NOW, CAP)).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void anAbsentHeaderIsNoWait() {
        assertThat(RetryAfterHeader.parse(null, NOW, CAP)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-5", "+5", "5.5", "5s", "1e3", "soon", "0x10", "5 5", "٣", "Tue, 24 Nov 2026 10:00:00",
            "Tue, 31 Feb 2026 10:00:00 GMT", "Tue, 24 Nov 2026 25:00:00 GMT", "2026-11-24T10:00:00Z"})
    void garbageIsTreatedAsNoHeader(String value) {
        assertThat(RetryAfterHeader.parse(value, NOW, CAP)).as("'%s'", value).isEmpty();
    }

    @Test
    void aHugeNumberIsCappedAndNeverOverflows() {
        assertThat(RetryAfterHeader.parse("99999999999999999999999999999999", NOW, CAP)).hasValue(CAP);
        assertThat(RetryAfterHeader.parse(Long.toString(Long.MAX_VALUE), NOW, CAP)).hasValue(CAP);
        assertThat(RetryAfterHeader.parse("3601", NOW, CAP)).hasValue(CAP);
        assertThat(RetryAfterHeader.parse("3600", NOW, CAP)).hasValue(CAP);
    }

    @Test
    void anImfFixdateInTheFutureIsTheTimeUntilThen() {
        assertThat(RetryAfterHeader.parse("Tue, 24 Nov 2026 10:00:00 GMT", NOW, CAP)).hasValue(Duration.ofMillis(29_750));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfterHeader.parse("Tue, 24 Nov 2026 09:00:00 GMT", NOW, CAP)).hasValue(Duration.ZERO);
        assertThat(RetryAfterHeader.parse("Thu, 01 Jan 1970 00:00:00 GMT", NOW, CAP)).hasValue(Duration.ZERO);
    }

    @Test
    void aDateFarAheadIsCapped() {
        assertThat(RetryAfterHeader.parse("Fri, 31 Dec 9999 23:59:59 GMT", NOW, CAP)).hasValue(CAP);
    }

    @Test
    void aWrongDayNameStillMeansTheDate() {
        assertThat(RetryAfterHeader.parse("Mon, 24 Nov 2026 10:00:00 GMT", NOW, CAP)).hasValue(Duration.ofMillis(29_750));
    }

    @Test
    void theObsoleteRfc850AndAsctimeFormsAreRead() {
        assertThat(RetryAfterHeader.parse("Tuesday, 24-Nov-26 10:00:00 GMT", NOW, CAP)).hasValue(Duration.ofMillis(29_750));
        assertThat(RetryAfterHeader.parse("Tue Nov 24 10:00:00 2026", NOW, CAP)).hasValue(Duration.ofMillis(29_750));
        assertThat(RetryAfterHeader.parse("Sun Nov  6 08:49:37 1994", NOW, CAP)).hasValue(Duration.ZERO);
    }

    @Test
    void aTwoDigitYearMoreThanFiftyYearsAheadIsThePastCentury() {
        // 2026 + 50 < 2094: "94" is 1994, a date long gone.
        assertThat(RetryAfterHeader.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW, CAP)).hasValue(Duration.ZERO);
    }

    @Test
    void aZeroCapMakesEveryWaitZero() {
        assertThat(RetryAfterHeader.parse("30", NOW, Duration.ZERO)).hasValue(Duration.ZERO);
    }

    @Test
    void aNegativeCapIsAProgrammingError() {
        assertThatThrownBy(() -> RetryAfterHeader.parse("5", NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap must not be negative");
    }
}
