package dev.sluice.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.RequestInfo;
import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.clientlimit.ClientLimitGuard;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.clientlimit.Quota;
import dev.sluice.clientlimit.Refill;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.PathPatterns;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Sluice's per-client check with 10,000 active client addresses against the plain way users write it
 * (a Bucket4j bucket per key in a Caffeine cache, keyed by the remote address). The quota is far above
 * what a run spends, so every call measures the admitted path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ClientLimitBenchmark {

    static final int KEYS = 10_000;
    static final String LIMITS = "1000000000/1s";

    private ClientLimitGuard sluiceWithFields;
    private ClientLimitGuard sluiceWithoutFields;
    private Cache<String, Bucket> plain;
    private Address[] requests;
    private int next;

    @Setup
    public void setUp() {
        sluiceWithFields = guard(true);
        sluiceWithoutFields = guard(false);
        plain = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();
        requests = new Address[KEYS];
        for (int i = 0; i < KEYS; i++) {
            requests[i] = new Address("10.0." + (i / 250) + "." + (i % 250));
        }
        for (Address r : requests) { // all keys active before measuring
            sluiceWithFields.evaluate(r, r.path());
            sluiceWithoutFields.evaluate(r, r.path());
            plainCheck(r);
        }
    }

    private static ClientLimitGuard guard(boolean fields) {
        ClientLimitPolicy policy = new ClientLimitPolicy("quota", PathPatterns.of(List.of("/quota")), Set.of(),
                Quota.parseAll(LIMITS), Refill.GREEDY, List.of(ClientKeyType.IP), null);
        return new ClientLimitGuard(new ClientLimitConfig(List.of(policy), 100_000, Duration.ofHours(1), fields, false,
                ClientLimitConfig.DEFAULT_IPV6_PREFIX),
                new ClientAddressResolver(List.of()), Clock.systemUTC());
    }

    private Address nextRequest() {
        Address r = requests[next];
        next = next + 1 == KEYS ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public Object sluiceClientLimit() {
        return sluiceWithoutFields.evaluate(nextRequest(), "/quota");
    }

    @Benchmark
    public Object sluiceClientLimitWithRateLimitFields() {
        return sluiceWithFields.evaluate(nextRequest(), "/quota");
    }

    @Benchmark
    public Object bucket4jInCaffeinePlain() {
        return plainCheck(nextRequest());
    }

    private ConsumptionProbe plainCheck(Address r) {
        Bucket bucket = plain.get(r.remoteAddress(), k -> Bucket.builder()
                .addLimit(l -> l.capacity(1_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofSeconds(1))).build());
        return bucket.tryConsumeAndReturnRemaining(1);
    }

    /** A GET /quota from one address, built once outside the measured path. */
    record Address(String remoteAddress) implements RequestInfo {
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
