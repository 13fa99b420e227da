package dev.sluice.clientlimit;

import java.time.Duration;
import java.util.List;

/**
 * {@code sluice.client-limits.*}.
 *
 * @param policies          the policies, checked in order; every matching one must admit the request
 * @param maxKeys           most client buckets kept in memory per policy and key; the least used go first
 * @param expireAfterIdle   a client's bucket is dropped after this long without requests, but never before its
 *                          policy's longest window has passed
 * @param headersOnAdmitted whether admitted responses on a limited route carry RateLimit-Policy / RateLimit
 * @param legacyHeaders     whether the {@code X-RateLimit-Limit/-Remaining/-Reset} trio is sent too
 * @param ipv6Prefix        IPv6 clients are keyed by their network of this many bits (1–128)
 */
public record ClientLimitConfig(List<ClientLimitPolicy> policies, long maxKeys, Duration expireAfterIdle,
                                boolean headersOnAdmitted, boolean legacyHeaders, int ipv6Prefix) {

    /** Where the buckets live: this instance's memory, or Redis (module {@code sluice-redis}), shared by the fleet. */
    public enum StoreType { MEMORY, REDIS }

    public static final long DEFAULT_MAX_KEYS = 100_000;
    public static final Duration DEFAULT_EXPIRE_AFTER_IDLE = Duration.ofHours(1);
    public static final int DEFAULT_IPV6_PREFIX = 64;

    public ClientLimitConfig {
        policies = List.copyOf(policies);
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be 1..128, but was " + ipv6Prefix);
        }
    }

    public static ClientLimitConfig none() {
        return new ClientLimitConfig(List.of(), DEFAULT_MAX_KEYS, DEFAULT_EXPIRE_AFTER_IDLE, true, false, DEFAULT_IPV6_PREFIX);
    }
}
