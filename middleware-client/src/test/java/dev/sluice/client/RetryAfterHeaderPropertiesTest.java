package dev.sluice.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a server sends, the wait is never negative, never beyond the cap, and reading it never throws. */
class RetryAfterHeaderPropertiesTest {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Instant NOW = Instant.parse("2026-11-24T09:59:30.250Z");

    @Property
    void anyStringGivesNoWaitOrAWaitWithinTheCap(@ForAll @StringLength(max = 80) String value,
                                                 @ForAll @LongRange(min = 0, max = 100_000) long capSeconds) {
        Duration cap = Duration.ofSeconds(capSeconds);

        Optional<Duration> wait = RetryAfterHeader.parse(value, NOW, cap);

        wait.ifPresent(w -> assertThat(w).isBetween(Duration.ZERO, cap));
    }

    @Property
    void anyRunOfDigitsIsThatManySecondsOrTheCap(@ForAll("digits") String digits,
                                                 @ForAll @LongRange(min = 0, max = 100_000) long capSeconds) {
        Duration cap = Duration.ofSeconds(capSeconds);

        Duration wait = RetryAfterHeader.parse(digits, NOW, cap).orElseThrow();

        java.math.BigInteger asked = new java.math.BigInteger(digits);
        assertThat(wait).isEqualTo(asked.compareTo(java.math.BigInteger.valueOf(capSeconds)) > 0 ? cap : Duration.ofSeconds(asked.longValue()));
    }

    @Property
    void anyHttpDateIsTheTimeUntilItClampedToZeroAndTheCap(@ForAll @LongRange(min = -4_000_000_000L, max = 250_000_000_000L) long epochSecond,
                                                           @ForAll @LongRange(min = 0, max = 100_000) long capSeconds) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        Duration cap = Duration.ofSeconds(capSeconds);

        Duration wait = RetryAfterHeader.parse(IMF_FIXDATE.format(at), NOW, cap).orElseThrow();

        Duration expected = at.isAfter(NOW) ? Duration.between(NOW, at) : Duration.ZERO;
        assertThat(wait).isEqualTo(expected.compareTo(cap) > 0 ? cap : expected);
    }

    @Property
    void bytesFromAHostileServerNeverThrow(@ForAll("headerish") String value) {
        Optional<Duration> wait = RetryAfterHeader.parse(value, NOW, Duration.ofSeconds(30));

        wait.ifPresent(w -> assertThat(w).isBetween(Duration.ZERO, Duration.ofSeconds(30)));
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(40);
    }

    /** Near-misses of the real grammar: date-ish and number-ish fragments glued together. */
    @Provide
    Arbitrary<String> headerish() {
        Arbitrary<String> parts = Arbitraries.of("Tue,", " ", "24", "Nov", "2026", "10:00:00", "GMT", "-", "+", ".", "9", "0",
                "\t", "99999999999999999999", "Sunday,", "06-Nov-94", "\u0000", "é");
        return parts.list().ofMaxSize(10).map(l -> String.join("", l));
    }
}
