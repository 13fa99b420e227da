package dev.sluice.benchmarks;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.Ticket;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
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

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An admitted request's permit, taken and given back, with shedding on: Sluice (fixed, Gradient2, Vegas and
 * knee limits, the whole {@code admit} + {@code complete} path) against Netflix concurrency-limits'
 * {@code SimpleLimiter} (Vegas, Gradient2) and a Resilience4j {@code SemaphoreBulkhead}, in one run:
 * {@code java -jar benchmarks/target/benchmarks.jar -prof gc -t 1 SheddingBenchmark} (and {@code -t 2}).
 * Limits are far above the benchmark's own concurrency, so every case admits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SheddingBenchmark {

    private Sluice fixed;
    private Sluice gradient2;
    private Sluice vegas;
    private Sluice knee;
    private Limiter<Void> nclVegas;
    private Limiter<Void> nclGradient2;
    private Bulkhead bulkhead;
    private BenchRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        fixed = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true", "sluice.shedding.limit.max", "1000")).build());
        gradient2 = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true", "sluice.shedding.limit.type", "gradient2",
                "sluice.shedding.limit.max", "1000", "sluice.shedding.limit.initial", "1000", "sluice.shedding.limit.min", "100")).build());
        vegas = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true", "sluice.shedding.limit.type", "vegas",
                "sluice.shedding.limit.max", "1000", "sluice.shedding.limit.initial", "1000")).build());
        knee = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true", "sluice.shedding.limit.type", "knee",
                "sluice.shedding.limit.max", "1000", "sluice.shedding.limit.initial", "1000")).build());
        nclVegas = SimpleLimiter.newBuilder().limit(VegasLimit.newBuilder().initialLimit(1000).maxConcurrency(1000).build()).build();
        nclGradient2 = SimpleLimiter.newBuilder().limit(Gradient2Limit.newBuilder()
                .initialLimit(1000).minLimit(100).maxConcurrency(1000).build()).build();
        bulkhead = Bulkhead.of("b", BulkheadConfig.custom().maxConcurrentCalls(1000).maxWaitDuration(Duration.ZERO).build());
        request = BenchRequest.get("/api/orders");
        for (Sluice s : new Sluice[] {fixed, gradient2, vegas, knee}) {
            Admission a = s.admit(request);
            if (!(a instanceof Admission.Admitted admitted) || admitted.ticket() == Ticket.NONE) {
                throw new IllegalStateException("shedding is not on: " + a);
            }
            admitted.ticket().complete(Ticket.Outcome.SUCCESS);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixed.close();
        gradient2.close();
        vegas.close();
        knee.close();
    }

    @Benchmark
    public void sluiceFixed(Blackhole bh) {
        admitAndComplete(fixed, bh);
    }

    @Benchmark
    public void sluiceGradient2(Blackhole bh) {
        admitAndComplete(gradient2, bh);
    }

    @Benchmark
    public void sluiceVegas(Blackhole bh) {
        admitAndComplete(vegas, bh);
    }

    @Benchmark
    public void sluiceKnee(Blackhole bh) {
        admitAndComplete(knee, bh);
    }

    @Benchmark
    public void nclSimpleLimiterVegas(Blackhole bh) {
        acquireAndRelease(nclVegas, bh);
    }

    @Benchmark
    public void nclSimpleLimiterGradient2(Blackhole bh) {
        acquireAndRelease(nclGradient2, bh);
    }

    @Benchmark
    public void resilience4jSemaphoreBulkhead(Blackhole bh) {
        boolean ok = bulkhead.tryAcquirePermission();
        if (ok) {
            bulkhead.onComplete();
        }
        bh.consume(ok);
    }

    private void admitAndComplete(Sluice sluice, Blackhole bh) {
        Admission a = sluice.admit(request);
        if (a instanceof Admission.Admitted admitted) {
            admitted.ticket().complete(Ticket.Outcome.SUCCESS);
        }
        bh.consume(a);
    }

    private static void acquireAndRelease(Limiter<Void> limiter, Blackhole bh) {
        Optional<Limiter.Listener> listener = limiter.acquire(null);
        listener.ifPresent(Limiter.Listener::onSuccess);
        bh.consume(listener);
    }
}
