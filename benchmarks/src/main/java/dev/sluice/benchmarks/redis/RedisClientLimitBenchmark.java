package dev.sluice.benchmarks.redis;

import dev.sluice.RequestInfo;
import dev.sluice.SluiceConfig;
import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.ClientLimitGuard;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.clientlimit.Quota;
import dev.sluice.clientlimit.Refill;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.PathPatterns;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.redis.RedisStoreProvider;
import dev.sluice.store.SharedStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The per-client check against a local redis-server: Sluice's {@link ClientLimitGuard} with the Redis store
 * ({@code sluice-redis}: Bucket4j's Lettuce compare-and-swap buckets, the timeout and breaker around them) against
 * the plain way (a Bucket4j Lettuce proxy manager, {@code getProxy(key).tryConsumeAndReturnRemaining(1)}), in the
 * same run:
 * {@code java -jar benchmarks/target/benchmarks.jar -prof gc -t 1 RedisClientLimitBenchmark} (and {@code -t 2}).
 *
 * <p>{@code *Admitted}: 10,000 client addresses in turn, a quota far above what a run spends, so every check takes
 * a token (a read and a compare-and-swap in Redis). {@code *OverQuota}: one client whose bucket is empty, so every
 * check is refused: the plain way reads the bucket from Redis each time, Sluice answers from the state it last saw
 * (Bucket4j's skip-sync-on-zero) until the bucket refills.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisClientLimitBenchmark {

    static final int KEYS = 10_000;
    static final long PLENTY = 1_000_000_000L;

    private LocalRedis redis;
    private SharedStore store;
    private ClientLimitGuard sluice;
    private ClientLimitGuard sluiceOverQuota;
    private RedisClient plainClient;
    private StatefulRedisConnection<String, byte[]> plainConnection;
    private ProxyManager<String> plain;
    private Supplier<BucketConfiguration> plenty;
    private Supplier<BucketConfiguration> spent;
    private Client[] clients;
    private Client overQuota;

    @Setup(Level.Trial)
    public void setUp() {
        redis = LocalRedis.start();
        SluiceConfig config = SluiceConfig.builder()
                .maintenanceStore(MaintenanceConfig.StoreType.MEMORY)
                .clientLimitStore(ClientLimitConfig.StoreType.REDIS)
                .redisUri(redis.uri())
                .redisNamespace("bench")
                .build();
        store = new RedisStoreProvider().open(config);
        sluice = guard("quota", PLENTY + "/1s");
        sluiceOverQuota = guard("spent", "1/1h");

        plainClient = RedisClient.create(redis.uri().toString());
        plainConnection = plainClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        plain = Bucket4jLettuce.casBasedBuilder(plainConnection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                .build();
        BucketConfiguration plentyConfig = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(PLENTY).refillGreedy(PLENTY, Duration.ofSeconds(1))).build();
        BucketConfiguration spentConfig = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofHours(1))).build();
        plenty = () -> plentyConfig;
        spent = () -> spentConfig;

        clients = new Client[KEYS];
        for (int i = 0; i < KEYS; i++) {
            clients[i] = new Client("10.0." + (i / 250) + "." + (i % 250));
        }
        overQuota = new Client("192.0.2.99");
        for (Client c : clients) { // every key exists in Redis before measuring
            expect(sluice.evaluate(c, "/quota").rejection() == null, "Sluice admits " + c);
            expect(plainCheck(c).isConsumed(), "the plain way admits " + c);
        }
        sluiceOverQuota.evaluate(overQuota, "/spent");
        plain.getProxy("plain:spent:" + overQuota.remoteAddress(), spent).tryConsumeAndReturnRemaining(1);
        expect(sluiceOverQuota.evaluate(overQuota, "/spent").rejection() != null, "Sluice refuses the spent client");
        expect(!plain.getProxy("plain:spent:" + overQuota.remoteAddress(), spent).tryConsumeAndReturnRemaining(1).isConsumed(),
                "the plain way refuses the spent client");
        expect(store.clientBucketStore().status().connected(), "the store is on Redis, not its local fallback");
    }

    private ClientLimitGuard guard(String name, String limits) {
        ClientLimitPolicy policy = new ClientLimitPolicy(name, PathPatterns.of(List.of("/" + name)), Set.of(),
                Quota.parseAll(limits), Refill.GREEDY, List.of(ClientKeyType.IP), null);
        return new ClientLimitGuard(new ClientLimitConfig(List.of(policy), 100_000, Duration.ofHours(1), false, false,
                ClientLimitConfig.DEFAULT_IPV6_PREFIX), new ClientAddressResolver(List.of()), Clock.systemUTC(), store.clientBucketStore());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        expect(store.clientBucketStore().status().connected(), "the store stayed on Redis throughout (no local fallback)");
        store.close();
        plainConnection.close();
        plainClient.shutdown();
        redis.close();
    }

    /** Each thread's turn through the client addresses. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        Client next(Client[] clients) {
            Client c = clients[next];
            next = next + 1 == clients.length ? 0 : next + 1;
            return c;
        }
    }

    @Benchmark
    public Object sluiceAdmitted(Cursor cursor) {
        return sluice.evaluate(cursor.next(clients), "/quota");
    }

    @Benchmark
    public Object plainBucket4jLettuceAdmitted(Cursor cursor) {
        return plainCheck(cursor.next(clients));
    }

    @Benchmark
    public Object sluiceOverQuota() {
        return sluiceOverQuota.evaluate(overQuota, "/spent");
    }

    @Benchmark
    public Object plainBucket4jLettuceOverQuota() {
        return plain.getProxy("plain:spent:" + overQuota.remoteAddress(), spent).tryConsumeAndReturnRemaining(1);
    }

    private ConsumptionProbe plainCheck(Client c) {
        return plain.getProxy("plain:quota:" + c.remoteAddress(), plenty).tryConsumeAndReturnRemaining(1);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("not as measured: " + what);
        }
    }

    /** A GET from one address, built once outside the measured path. */
    record Client(String remoteAddress) implements RequestInfo {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String path() {
            return "/quota";
        }

        @Override
        public String header(String name) {
            return null;
        }
    }
}
