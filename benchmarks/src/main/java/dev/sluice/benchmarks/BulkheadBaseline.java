package dev.sluice.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The bar for Sluice's admit path: a Resilience4j {@code SemaphoreBulkhead} acquire + release, measured in
 * the same run as the benchmark it is compared with (figures on shared machines move between runs).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BulkheadBaseline {

    private Bulkhead bulkhead;

    @Setup(Level.Trial)
    public void setUp() {
        bulkhead = Bulkhead.of("b", BulkheadConfig.custom().maxConcurrentCalls(1000).maxWaitDuration(Duration.ZERO).build());
    }

    /** {@code tryAcquirePermission()} + {@code onComplete()}. */
    @Benchmark
    public void semaphoreBulkheadAcquireRelease(Blackhole bh) {
        boolean ok = bulkhead.tryAcquirePermission();
        if (ok) {
            bulkhead.onComplete();
        }
        bh.consume(ok);
    }
}
