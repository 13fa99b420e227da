package dev.sluice.client;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, as a wait from now.
 *
 * <ul>
 *   <li>Anything else (a sign, a fraction, a word, an impossible date) is treated as no header: the grammar
 *       allows digits or a date, and guessing at a broken value could make a client hammer or hang.</li>
 *   <li>A date in the past means "now": the server's moment has come (or the clocks disagree); the retry
 *       budget keeps that from becoming a storm.</li>
 *   <li>A value beyond {@code cap} is {@code cap}: a 30-digit number or a date in the year 9999 costs
 *       nothing and never overflows.</li>
 * </ul>
 * HTTP-dates are read in all three forms a recipient must accept: IMF-fixdate
 * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the obsolete RFC 850 and asctime forms. The day name is not
 * checked against the date (a server that gets it wrong still means the date).
 */
final class RetryAfterHeader {

    private static final ChronoField[] DATE_FIELDS = {ChronoField.YEAR, ChronoField.MONTH_OF_YEAR, ChronoField.DAY_OF_MONTH,
            ChronoField.HOUR_OF_DAY, ChronoField.MINUTE_OF_HOUR, ChronoField.SECOND_OF_MINUTE, ChronoField.OFFSET_SECONDS};

    // RFC 1123 also takes "3 Nov" and numeric offsets; STRICT turns "31 Feb" into an error, not "28 Feb".
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME
            .withResolverStyle(ResolverStyle.STRICT).withResolverFields(DATE_FIELDS);
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM ppd HH:mm:ss uuuu").toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT).withResolverFields(DATE_FIELDS);
    private static final int MAX_LENGTH = 64;

    private RetryAfterHeader() {
    }

    /**
     * The wait a {@code Retry-After} value asks for, from {@code now}.
     *
     * @param value the header value; {@code null} when absent
     * @param now   the current wall-clock time (an HTTP-date is wall-clock time)
     * @param cap   the largest wait to return; not negative
     * @return empty when the value is absent or not valid; otherwise a wait from zero to {@code cap}
     */
    static Optional<Duration> parse(String value, Instant now, Duration cap) {
        if (cap.isNegative()) {
            throw new IllegalArgumentException("cap must not be negative, but was " + cap);
        }
        if (value == null) {
            return Optional.empty();
        }
        String v = strip(value);
        if (v.isEmpty() || v.length() > MAX_LENGTH && !allDigits(v)) {
            return Optional.empty();
        }
        if (allDigits(v)) {
            return Optional.of(seconds(v, cap));
        }
        Instant at = httpDate(v, now);
        if (at == null) {
            return Optional.empty();
        }
        if (!at.isAfter(now)) {
            return Optional.of(Duration.ZERO);
        }
        Duration d = Duration.between(now, at);
        return Optional.of(d.compareTo(cap) > 0 ? cap : d);
    }

    /** Whole seconds, saturating at {@code cap} however many digits there are. */
    private static Duration seconds(String digits, Duration cap) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        String significant = digits.substring(i);
        if (significant.length() > 18) {
            return cap; // more than 10^18 s: far beyond any cap, and beyond a long
        }
        long s = Long.parseLong(significant);
        return Duration.ofSeconds(s).compareTo(cap) > 0 ? cap : Duration.ofSeconds(s);
    }

    private static Instant httpDate(String v, Instant now) {
        for (DateTimeFormatter f : new DateTimeFormatter[] {IMF_FIXDATE, ASCTIME, rfc850(now)}) {
            try {
                return Instant.from(f.parse(v));
            } catch (DateTimeException e) {
                // not this form; try the next
            }
        }
        return null;
    }

    /**
     * RFC 850 dates have two-digit years; RFC 9110 reads one that seems more than 50 years ahead as the
     * past century, hence a base year relative to now.
     */
    private static DateTimeFormatter rfc850(Instant now) {
        int base = now.atOffset(ZoneOffset.UTC).getYear() - 49;
        return new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, base).appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US).withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT).withResolverFields(DATE_FIELDS);
    }

    private static boolean allDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !v.isEmpty();
    }

    /** Optional whitespace around a field value is spaces and tabs only (RFC 9110 §5.6.3). */
    private static String strip(String v) {
        int from = 0;
        int to = v.length();
        while (from < to && (v.charAt(from) == ' ' || v.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (v.charAt(to - 1) == ' ' || v.charAt(to - 1) == '\t')) {
            to--;
        }
        return v.substring(from, to);
    }
}
