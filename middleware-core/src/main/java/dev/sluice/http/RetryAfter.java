package dev.sluice.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * When a client should come back: a whole number of seconds (rounded up, at least 1) and the instant it
 * points at. Never negative, never a fraction.
 *
 * @param seconds delay in whole seconds, at least 1
 * @param at      the instant {@code seconds} after the moment the value was made
 */
public record RetryAfter(long seconds, Instant at) {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public RetryAfter {
        if (seconds < 1) {
            throw new IllegalArgumentException("Retry-After seconds must be at least 1, but was " + seconds);
        }
        Objects.requireNonNull(at, "at");
    }

    /** Come back after {@code delay}, counted from {@code now}; rounded up to whole seconds, at least 1. */
    public static RetryAfter after(Duration delay, Instant now) {
        long s = ceilSeconds(delay);
        return new RetryAfter(s, now.plusSeconds(s));
    }

    /** Come back at {@code instant}; the delay from {@code now} is rounded up, at least 1 second. */
    public static RetryAfter at(Instant instant, Instant now) {
        return after(Duration.between(now, instant), now);
    }

    /** The header value in the given format. */
    public String headerValue(RetryAfterFormat format) {
        return format == RetryAfterFormat.HTTP_DATE ? IMF_FIXDATE.format(at) : Long.toString(seconds);
    }

    static long ceilSeconds(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 1;
        }
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
