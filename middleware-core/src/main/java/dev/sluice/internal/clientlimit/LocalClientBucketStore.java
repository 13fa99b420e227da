package dev.sluice.internal.clientlimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sluice.clientlimit.BucketSpace;
import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.clientlimit.ClientBuckets;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;

import java.util.function.Function;

/**
 * Buckets in this instance's memory: Bucket4j's local buckets in a bounded Caffeine cache. A flood of distinct
 * keys cannot grow the heap past {@code maxKeys} buckets, and Caffeine's frequency-based eviction drops one-shot
 * keys before a client that keeps coming, so the flood cannot reset a real client's count either. The default
 * store, and the fallback of a shared one while it is out of reach.
 */
public final class LocalClientBucketStore implements ClientBucketStore {

    @Override
    public ClientBuckets open(BucketSpace space) {
        return new LocalBuckets(space);
    }

    private static final class LocalBuckets implements ClientBuckets {

        private final Cache<Object, Bucket> buckets;
        private final Function<Object, Bucket> factory; // one instance: no allocation per lookup

        LocalBuckets(BucketSpace space) {
            TimeMeter time = space.time();
            Bandwidth[] bandwidths = space.configuration().getBandwidths();
            this.buckets = Caffeine.newBuilder().maximumSize(space.maxKeys()).expireAfterAccess(space.expireAfterIdle())
                    .ticker(time == TimeMeter.SYSTEM_MILLISECONDS ? Ticker.systemTicker() : time::currentTimeNanos)
                    .build();
            this.factory = key -> {
                LocalBucketBuilder builder = Bucket.builder();
                for (Bandwidth b : bandwidths) {
                    builder.addLimit(b);
                }
                // SYNCHRONIZED updates the bucket in place under its own monitor, where LOCK_FREE copies its state
                // on every consume; only requests of the same client ever contend for one bucket.
                return builder.withCustomTimePrecision(time).withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED).build();
            };
        }

        @Override
        public boolean tryConsume(Object key) {
            return buckets.get(key, factory).tryConsume(1);
        }

        @Override
        public ConsumptionProbe tryConsumeAndReturnRemaining(Object key) {
            return buckets.get(key, factory).tryConsumeAndReturnRemaining(1);
        }

        @Override
        public long nanosToWaitForRefill(Object key) {
            Bucket bucket = buckets.getIfPresent(key);
            return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        }

        @Override
        public void refund(Object key) {
            Bucket bucket = buckets.getIfPresent(key);
            if (bucket != null) {
                bucket.addTokens(1);
            }
        }

        @Override
        public long size() {
            buckets.cleanUp();
            return buckets.estimatedSize();
        }
    }
}
