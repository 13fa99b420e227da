package dev.sluice.clientlimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ClientBucketStore} needs to keep the buckets of one policy and kind of key.
 *
 * @param name            unique among the service's spaces and stable across restarts: {@code <policy>:<key kind>}
 *                        ({@code quota:ip}); a shared store names its keys by it
 * @param configuration   every bucket's bandwidths
 * @param expireAfterIdle how long a bucket is kept without requests (never shorter than the longest window: a
 *                        forgotten bucket is a full quota)
 * @param maxKeys         most buckets kept in memory (a shared store bounds its memory by expiry)
 * @param time            the clock of local buckets (tests move it)
 */
public record BucketSpace(String name, BucketConfiguration configuration, Duration expireAfterIdle, long maxKeys, TimeMeter time) {

    public BucketSpace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(expireAfterIdle, "expireAfterIdle");
        Objects.requireNonNull(time, "time");
    }
}
