package dev.sluice.clientlimit;

import java.time.Duration;
import java.util.List;

/**
 * {@code sluice.client-limits.*}.
 *
 * @param policies          the policies, checked in order; every matching one must admit the request
 * @param maxKeys           most client buckets kept in memory per instance; the least recently used go first
 * @param expireAfterIdle   a client's bucket is dropped after this long without requests
 * @param headersOnAdmitted whether admitted responses on a limited route carry RateLimit-Policy / RateLimit
 * @param legacyHeaders     whether the {@code X-RateLimit-Limit/-Remaining/-Reset} trio is sent too
 */
public record ClientLimitConfig(List<ClientLimitPolicy> policies, long maxKeys, Duration expireAfterIdle,
                                boolean headersOnAdmitted, boolean legacyHeaders) {

    public static final long DEFAULT_MAX_KEYS = 100_000;
    public static final Duration DEFAULT_EXPIRE_AFTER_IDLE = Duration.ofHours(1);

    public ClientLimitConfig {
        policies = List.copyOf(policies);
    }

    public static ClientLimitConfig none() {
        return new ClientLimitConfig(List.of(), DEFAULT_MAX_KEYS, DEFAULT_EXPIRE_AFTER_IDLE, true, false);
    }
}
