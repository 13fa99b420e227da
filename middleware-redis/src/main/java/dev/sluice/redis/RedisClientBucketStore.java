package dev.sluice.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.clientlimit.BucketSpace;
import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.clientlimit.ClientBuckets;
import dev.sluice.internal.clientlimit.LocalClientBucketStore;
import dev.sluice.store.StoreStatus;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.skiponzero.SkipSyncOnZeroOptimization;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Per-client buckets the fleet shares: Bucket4j's compare-and-swap buckets in Redis (its Lettuce integration), one
 * key per client and space, {@code <namespace>:limit:<space>:<client key>}, expiring once the bucket would be full
 * again (a full bucket is what a missing key means, so nothing is lost).
 *
 * <p>A check never waits for Redis longer than {@code sluice.redis.timeout}: then this instance's own buckets
 * ({@link LocalClientBucketStore}, the same space) answer it. A circuit breaker around Redis makes an outage cost
 * one timeout, not one per request: after two failed checks in a row (three of the last four) every check is local
 * at once, and one check a second tries Redis again. The breaker's state is the store's status.
 *
 * <p>Each client's bucket proxy is kept (bounded as the local buckets are) with Bucket4j's skip-sync-on-zero
 * optimization: a client whose bucket is empty is refused from the last state this instance saw, without a round
 * trip, until the bucket refills (the state in Redis cannot hold more: other instances only take tokens), so a client
 * hammering past its quota costs Redis nothing. The optimization also batches concurrent checks of one client into
 * one compare-and-swap.
 */
final class RedisClientBucketStore implements ClientBucketStore {

    /** How long checks stay local after the breaker opens, before one tries Redis again. */
    static final Duration OPEN_FOR = Duration.ofSeconds(1);
    /** How long a bucket is kept in Redis after it would be full again (covers clock differences between instances). */
    static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(1);

    private final RedisLink link;
    private final String prefix;
    private final Duration timeout;
    private final long timeoutNanos;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final LocalClientBucketStore local = new LocalClientBucketStore();
    private final RedisApi<String> redis = new LinkedRedisApi<>();
    private volatile Instant since;
    private volatile long lastSuccessMillis = -1;

    RedisClientBucketStore(RedisLink link, String namespace, Duration timeout, Clock clock) {
        this.link = link;
        this.prefix = namespace + ":limit:";
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
        this.since = clock.instant();
        this.breaker = CircuitBreaker.of("sluice-redis-client-limits", CircuitBreakerConfig.custom()
                .slidingWindow(4, 2, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(75) // 2 of 2, 3 of 4: one slow answer alone does not open it
                .waitDurationInOpenState(OPEN_FOR)
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build());
        // The breaker's state is the store's status; it is not evidence of an outage for the log (a check can be
        // slower than its timeout while Redis is up: a cold JVM, a busy host): the link's heartbeat decides that.
        breaker.getEventPublisher().onStateTransition(e -> since = clock.instant());
        // Redis answers again (connections made, heartbeat answered): checks go back to it at once instead of
        // waiting for the breaker's next trial, which without traffic would never come and leave the status stale.
        link.onRecovered(() -> {
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                breaker.transitionToClosedState();
            }
        });
        link.describeFallback(() -> "per-client limits are counted by this instance alone");
    }

    @Override
    public ClientBuckets open(BucketSpace space) {
        return new SharedBuckets(space);
    }

    @Override
    public StoreStatus status() {
        boolean connected = link.commands() != null && link.reachable() && breaker.getState() != CircuitBreaker.State.OPEN;
        Instant linkSince = link.since();
        long last = lastSuccessMillis;
        return new StoreStatus("redis", true, connected, linkSince.isAfter(since) ? linkSince : since,
                last < 0 ? null : Instant.ofEpochMilli(last));
    }

    /**
     * Makes one check against Redis, on a key of its own ({@code <namespace>:limit:warm-up}, gone a second later), and
     * waits for it at most {@code wait}: the first check of a JVM loads the classes of the whole path, which alone
     * can take longer than the timeout, and would send the first clients' checks to the local buckets.
     */
    void warmUp(Duration wait) {
        if (link.commands() == null) {
            return; // Redis out of reach: the checks are local anyway
        }
        BucketConfiguration two = BucketConfiguration.builder().addLimit(l -> l.capacity(2).refillGreedy(2, Duration.ofSeconds(1))).build();
        AsyncBucketProxy proxy = proxyManager(TimeMeter.SYSTEM_MILLISECONDS).builder()
                .withOptimization(new SkipSyncOnZeroOptimization(NopeOptimizationListener.INSTANCE, TimeMeter.SYSTEM_MILLISECONDS))
                .build(prefix + "warm-up", () -> CompletableFuture.completedFuture(two));
        try {
            // Three at once: one goes alone, two are batched (the merged path), the last is refused from the local state.
            CompletableFuture.allOf(proxy.tryConsumeAndReturnRemaining(1), proxy.tryConsumeAndReturnRemaining(1),
                    proxy.tryConsumeAndReturnRemaining(1)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            proxy.tryConsumeAndReturnRemaining(1).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // only a warm-up: the checks handle Redis's failures themselves
        }
    }

    private AsyncProxyManager<String> proxyManager(TimeMeter time) {
        return new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(redis)
                .clientClock(time)
                .requestTimeout(timeout) // ends Bucket4j's own retries when the caller has stopped waiting
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build()
                .asAsync();
    }

    private static final Function<AsyncBucketProxy, CompletableFuture<Boolean>> TRY_CONSUME = p -> p.tryConsume(1);
    private static final Function<AsyncBucketProxy, CompletableFuture<ConsumptionProbe>> TRY_CONSUME_AND_RETURN_REMAINING =
            p -> p.tryConsumeAndReturnRemaining(1);
    private static final Function<AsyncBucketProxy, CompletableFuture<Long>> NANOS_TO_WAIT_FOR_REFILL =
            p -> p.estimateAbilityToConsume(1).thenApply(io.github.bucket4j.EstimationProbe::getNanosToWaitForRefill);

    /** The breaker's state (for tests and the status). */
    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** The buckets of one space: in Redis while it answers in time, else this instance's own. */
    private final class SharedBuckets implements ClientBuckets {

        private final ClientBuckets fallback;
        private final Cache<Object, AsyncBucketProxy> proxies;
        private final Function<Object, AsyncBucketProxy> factory; // one instance: no allocation per lookup
        private final Function<Object, Boolean> localTryConsume;
        private final Function<Object, ConsumptionProbe> localProbe;
        private final Function<Object, Long> localNanosToWait;

        SharedBuckets(BucketSpace space) {
            this.fallback = local.open(space);
            this.localTryConsume = fallback::tryConsume;
            this.localProbe = fallback::tryConsumeAndReturnRemaining;
            this.localNanosToWait = fallback::nanosToWaitForRefill;
            String keyPrefix = prefix + space.name() + ":";
            AsyncProxyManager<String> manager = proxyManager(space.time());
            CompletableFuture<BucketConfiguration> configuration = CompletableFuture.completedFuture(space.configuration());
            Supplier<CompletableFuture<BucketConfiguration>> configurationSupplier = () -> configuration;
            Optimization skipSyncOnZero = new SkipSyncOnZeroOptimization(NopeOptimizationListener.INSTANCE, space.time());
            this.proxies = Caffeine.newBuilder().maximumSize(space.maxKeys()).expireAfterAccess(space.expireAfterIdle()).build();
            this.factory = key -> manager.builder().withOptimization(skipSyncOnZero).build(keyPrefix + key, configurationSupplier);
        }

        @Override
        public boolean tryConsume(Object key) {
            return ask(key, TRY_CONSUME, localTryConsume);
        }

        @Override
        public ConsumptionProbe tryConsumeAndReturnRemaining(Object key) {
            return ask(key, TRY_CONSUME_AND_RETURN_REMAINING, localProbe);
        }

        @Override
        public long nanosToWaitForRefill(Object key) {
            return ask(key, NANOS_TO_WAIT_FOR_REFILL, localNanosToWait);
        }

        /** One question to Redis, answered by this instance's own buckets when Redis does not answer in time. */
        private <T> T ask(Object key, Function<AsyncBucketProxy, CompletableFuture<T>> question, Function<Object, T> locally) {
            long start = System.nanoTime();
            if (link.commands() == null || !breaker.tryAcquirePermission()) {
                return locally.apply(key);
            }
            try {
                T answer = question.apply(proxies.get(key, factory)).get(timeoutNanos - (System.nanoTime() - start), TimeUnit.NANOSECONDS);
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                lastSuccessMillis = clock.millis();
                return answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                breaker.releasePermission();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            }
            return locally.apply(key); // never a 500, never a stall
        }

        @Override
        public void refund(Object key) {
            if (link.commands() != null && breaker.getState() == CircuitBreaker.State.CLOSED) {
                try {
                    proxies.get(key, factory).addTokens(1); // not awaited: the request is refused either way
                } catch (RuntimeException e) {
                    // a refund is a courtesy to the client; losing one is harmless
                }
            } else {
                fallback.refund(key);
            }
        }

        @Override
        public long size() {
            proxies.cleanUp();
            return proxies.estimatedSize() + fallback.size();
        }
    }

    /**
     * Bucket4j's view of Redis: the link's command connection. Generic in the key type on purpose: Bucket4j passes
     * its keys as an {@code Object[]}, which a {@code RedisApi<String>} method's bridge would cast to
     * {@code String[]} and fail; Lettuce encodes the keys with the codec either way.
     */
    private final class LinkedRedisApi<K> implements RedisApi<K> {
        @Override
        public <V> RedisFuture<V> eval(String script, ScriptOutputType scriptOutputType, K[] keys, byte[][] params) {
            return commands().eval(script, scriptOutputType, keys, params);
        }

        @Override
        public RedisFuture<byte[]> get(K key) {
            return commands().get(key);
        }

        @Override
        public RedisFuture<?> delete(K key) {
            return commands().del(key);
        }

        @SuppressWarnings("unchecked")
        private RedisAsyncCommands<K, byte[]> commands() {
            RedisAsyncCommands<String, byte[]> c = link.commands();
            if (c == null) {
                throw new IllegalStateException("not connected to Redis yet"); // tryConsume checks first; answered locally
            }
            return (RedisAsyncCommands<K, byte[]>) (RedisAsyncCommands<?, byte[]>) c;
        }
    }
}
