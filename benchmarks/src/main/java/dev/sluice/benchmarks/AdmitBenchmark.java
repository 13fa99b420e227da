package dev.sluice.benchmarks;

import dev.sluice.Admission;
import dev.sluice.RequestInfo;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.Ticket;
import dev.sluice.maintenance.MaintenanceRequest;
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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The admit path every request takes: {@code Sluice.admit} + {@code Ticket.complete}, next to a
 * Resilience4j {@code SemaphoreBulkhead} acquire + release measured in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AdmitBenchmark {

    private Sluice maintenanceOff;
    private Sluice maintenanceOn;
    private Bulkhead bulkhead;
    private final RequestInfo ordinary = new Get("/api/orders");
    private final RequestInfo probe = new Get("/health/ready");

    @Setup(Level.Trial)
    public void setUp() {
        SluiceConfig config = SluiceConfig.builder().exemptPaths(List.of("/health/**", "/admin/maintenance")).build();
        maintenanceOff = Sluice.create(config);
        maintenanceOn = Sluice.create(config);
        maintenanceOn.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "benchmark");
        bulkhead = Bulkhead.of("baseline", BulkheadConfig.custom().maxConcurrentCalls(1000).maxWaitDuration(Duration.ZERO).build());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        maintenanceOff.close();
        maintenanceOn.close();
    }

    /** An ordinary request, maintenance off: the path nearly every request takes. */
    @Benchmark
    public Admission admitOrdinaryMaintenanceOff() {
        Admission a = maintenanceOff.admit(ordinary);
        if (a instanceof Admission.Admitted admitted) {
            admitted.ticket().complete(Ticket.Outcome.SUCCESS);
        }
        return a;
    }

    /** Maintenance on, but the path is exempt (a health probe). */
    @Benchmark
    public Admission admitExemptMaintenanceOn() {
        Admission a = maintenanceOn.admit(probe);
        if (a instanceof Admission.Admitted admitted) {
            admitted.ticket().complete(Ticket.Outcome.SUCCESS);
        }
        return a;
    }

    /** Maintenance on and the request refused: the rejection is built (rendering is not included). */
    @Benchmark
    public Admission admitRejectedMaintenanceOn() {
        return maintenanceOn.admit(ordinary);
    }

    /** Baseline: Resilience4j SemaphoreBulkhead acquire + release. */
    @Benchmark
    public boolean bulkheadAcquireRelease() {
        boolean ok = bulkhead.tryAcquirePermission();
        if (ok) {
            bulkhead.onComplete();
        }
        return ok;
    }

    /** A request as an adapter presents it; built once, outside the measured path. */
    record Get(String path) implements RequestInfo {
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
