package dev.sluice.client;

import java.time.Duration;

/**
 * Exponential back-off with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): the
 * n-th retry waits a uniform random time between zero and {@code min(max, initial × multiplier^n)}. Full
 * jitter rather than a fixed delay, because clients that failed at the same moment would otherwise all
 * come back at the same moment and fail again.
 */
record Backoff(Duration initial, Duration max, double multiplier) {

    static Backoff of(RetryPolicy policy) {
        return new Backoff(policy.initialBackoff(), policy.maxBackoff(), policy.backoffMultiplier());
    }

    /**
     * @param retry  0 for the first retry, 1 for the second, …
     * @param random a uniform random number in [0, 1)
     */
    Duration delay(int retry, double random) {
        double ceiling = Math.min(max.toNanos(), initial.toNanos() * Math.pow(multiplier, retry));
        double r = Math.min(Math.max(random, 0), 1);
        return Duration.ofNanos((long) (ceiling * r));
    }
}
