package dev.sluice.benchmarks.redis;

import dev.sluice.Admission;
import dev.sluice.RequestInfo;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.Ticket;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceRequest;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The admit path with the maintenance switch in Redis against the memory store, in one run: Redis adds nothing to
 * it (the switch is read from memory, kept current by the store's own thread), so both must take the same time and
 * 0 B: {@code java -jar benchmarks/target/benchmarks.jar -prof gc RedisAdmitBenchmark}. The configuration is
 * {@code AdmitBenchmark}'s (exempt {@code /health/**} and {@code /admin/maintenance}) plus the store.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisAdmitBenchmark {

    private LocalRedis redis;
    private Sluice memoryOff;
    private Sluice redisOff;
    private Sluice memoryOn;
    private Sluice redisOn;
    private RequestInfo ordinary;

    @Setup(Level.Trial)
    public void setUp() {
        redis = LocalRedis.start();
        memoryOff = Sluice.create(config().build());
        memoryOn = Sluice.create(config().build());
        redisOff = Sluice.create(redisConfig("off").build());
        redisOn = Sluice.create(redisConfig("on").build());
        memoryOn.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "bench");
        redisOn.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "bench");
        ordinary = new Get("/api/orders");
        expect(memoryOff.admit(ordinary) instanceof Admission.Admitted, "memory store, maintenance off: admitted");
        expect(redisOff.admit(ordinary) instanceof Admission.Admitted, "Redis store, maintenance off: admitted");
        expect(memoryOn.admit(ordinary) instanceof Admission.Rejected, "memory store, maintenance on: rejected");
        expect(redisOn.admit(ordinary) instanceof Admission.Rejected, "Redis store, maintenance on: rejected");
        expect(redisOff.admin().state().store().type().equals("redis") && redisOff.admin().state().store().connected(),
                "the Redis store is connected");
    }

    private static SluiceConfig.Builder config() {
        return SluiceConfig.builder().exemptPaths(List.of("/health/**", "/admin/maintenance"));
    }

    private SluiceConfig.Builder redisConfig(String namespace) {
        return config().maintenanceStore(MaintenanceConfig.StoreType.REDIS).redisUri(redis.uri()).redisNamespace("bench-" + namespace)
                .redisStateFile(redis.directory().resolve(namespace + ".json")); // removed with the server's directory
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memoryOff.close();
        memoryOn.close();
        redisOff.close();
        redisOn.close();
        redis.close();
    }

    @Benchmark
    public void memoryStoreMaintenanceOff(Blackhole bh) {
        admitAndComplete(memoryOff, bh);
    }

    @Benchmark
    public void redisStoreMaintenanceOff(Blackhole bh) {
        admitAndComplete(redisOff, bh);
    }

    @Benchmark
    public void memoryStoreMaintenanceOn(Blackhole bh) {
        admitAndComplete(memoryOn, bh);
    }

    @Benchmark
    public void redisStoreMaintenanceOn(Blackhole bh) {
        admitAndComplete(redisOn, bh);
    }

    private void admitAndComplete(Sluice sluice, Blackhole bh) {
        Admission a = sluice.admit(ordinary);
        if (a instanceof Admission.Admitted admitted) {
            admitted.ticket().complete(Ticket.Outcome.SUCCESS);
        }
        bh.consume(a);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("not as measured: " + what);
        }
    }

    /** A GET from a documentation address, without headers, built once. */
    private record Get(String path) implements RequestInfo {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.10";
        }
    }
}
