package dev.sluice.benchmarks;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.Ticket;
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
 * The admit path every request takes: {@code Sluice.admit} and, when admitted, {@code Ticket.complete}.
 * Run it together with {@link BulkheadBaseline} so the ratio comes from one run:
 * {@code java -jar benchmarks/target/benchmarks.jar -prof gc 'AdmitBenchmark|BulkheadBaseline'}.
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
    private BenchRequest ordinary;
    private BenchRequest probe;

    @Setup(Level.Trial)
    public void setUp() {
        SluiceConfig config = SluiceConfig.builder().exemptPaths(List.of("/health/**", "/admin/maintenance")).build();
        maintenanceOff = Sluice.create(config);
        maintenanceOn = Sluice.create(config);
        maintenanceOn.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "bench");
        ordinary = BenchRequest.get("/api/orders");
        probe = BenchRequest.get("/health/ready");
        // Fail fast if a case does not take the path its name says.
        expect(maintenanceOff.admit(ordinary), Admission.Admitted.class, "ordinary request, maintenance off");
        expect(maintenanceOn.admit(probe), Admission.Admitted.class, "exempt probe, maintenance on");
        expect(maintenanceOn.admit(ordinary), Admission.Rejected.class, "ordinary request, maintenance on");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        maintenanceOff.close();
        maintenanceOn.close();
    }

    /** (a) An ordinary request, maintenance off: the path nearly every request takes. */
    @Benchmark
    public void admitOrdinaryMaintenanceOff(Blackhole bh) {
        admitAndComplete(maintenanceOff, ordinary, bh);
    }

    /** (b) Maintenance on, the path exempt ({@code /health/ready} under {@code /health/**}). */
    @Benchmark
    public void admitExemptMaintenanceOn(Blackhole bh) {
        admitAndComplete(maintenanceOn, probe, bh);
    }

    /** (c) Maintenance on, the path not exempt: the rejection value is built (rendering not included). */
    @Benchmark
    public void admitRejectedMaintenanceOn(Blackhole bh) {
        admitAndComplete(maintenanceOn, ordinary, bh);
    }

    private static void admitAndComplete(Sluice sluice, BenchRequest request, Blackhole bh) {
        Admission a = sluice.admit(request);
        if (a instanceof Admission.Admitted admitted) {
            admitted.ticket().complete(Ticket.Outcome.SUCCESS);
        }
        bh.consume(a);
    }

    private static void expect(Admission a, Class<? extends Admission> type, String what) {
        if (!type.isInstance(a)) {
            throw new IllegalStateException(what + ": expected " + type.getSimpleName() + " but was " + a);
        }
    }
}
