package dev.sluice.internal.http;

import dev.sluice.http.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry-After where no clock says when to come back (overload, a server shutting down): a whole number of
 * seconds drawn uniformly from a range (overload's default 1–5 s), never one value for everyone, so refused
 * clients do not all come back in the same second.
 */
public final class JitteredRetryAfter {

    public static final Duration DEFAULT_MIN = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(5);

    private final long minSeconds;
    private final long maxSeconds;

    public JitteredRetryAfter(Duration min, Duration max) {
        this.minSeconds = Math.max(1, (min.toMillis() + 999) / 1000);
        this.maxSeconds = Math.max(minSeconds, (max.toMillis() + 999) / 1000);
    }

    public static JitteredRetryAfter defaults() {
        return new JitteredRetryAfter(DEFAULT_MIN, DEFAULT_MAX);
    }

    public RetryAfter next(Instant now) {
        long s = minSeconds == maxSeconds ? minSeconds : ThreadLocalRandom.current().nextLong(minSeconds, maxSeconds + 1);
        return new RetryAfter(s, now.plusSeconds(s));
    }
}
