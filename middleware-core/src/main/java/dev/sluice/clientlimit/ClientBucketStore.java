package dev.sluice.clientlimit;

import dev.sluice.store.StoreStatus;

/**
 * Where the per-client buckets live: this instance's memory ({@link LocalClientBucketStore}, the default) or
 * a store the fleet shares ({@code sluice-redis}). The guard opens one {@link ClientBuckets} per policy and kind
 * of key.
 */
public interface ClientBucketStore extends AutoCloseable {

    /** The buckets of one policy and kind of key. */
    ClientBuckets open(BucketSpace space);

    default StoreStatus status() {
        return StoreStatus.local("memory");
    }

    @Override
    default void close() {
    }
}
