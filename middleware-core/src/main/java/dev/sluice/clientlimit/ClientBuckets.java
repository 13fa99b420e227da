package dev.sluice.clientlimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * The buckets of one {@link BucketSpace}, by client key. A key is a value whose {@code toString()} names the
 * client in at most 64 characters (an address, an IPv6 network, a {@link HashedKey}); a shared store names its
 * entries by it.
 */
public interface ClientBuckets {

    /**
     * Takes one token from {@code key}'s bucket (a new bucket is full); false when it has none. Never throws. The
     * common check: a local store answers it without allocating.
     */
    boolean tryConsume(Object key);

    /** Like {@link #tryConsume}, and says how the bucket stands after it, for the RateLimit fields. Never throws. */
    ConsumptionProbe tryConsumeAndReturnRemaining(Object key);

    /** How long until {@code key}'s bucket has a token again (0: it has one), for Retry-After after a refusal. */
    long nanosToWaitForRefill(Object key);

    /** Gives one token back to {@code key}'s bucket, if it exists (a request refused by a later key or policy). */
    void refund(Object key);

    /** Buckets held in this instance's memory (a shared store's own entries are not counted). */
    long size();
}
