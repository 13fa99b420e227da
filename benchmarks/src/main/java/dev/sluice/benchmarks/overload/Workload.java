package dev.sluice.benchmarks.overload;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the app does with a request, so that its capacity is known (or measured) and each protection meets
 * the same bottleneck. The generator asks {@link #target} for every request it sends.
 */
public enum Workload {
    /** {@code /work?ms=50} on W workers (a fair semaphore standing for a connection pool): W / 50 ms per second. */
    POOL("pool"),
    /**
     * {@code /cpu?ms=20}: 20 ms of CPU time on the request thread, no pool, so the bottleneck is the CPU itself
     * (shared with the generator on this machine). Its capacity is measured, not assumed: see
     * {@link OverloadExperiment} ("capacity").
     */
    CPU("cpu"),
    /**
     * {@code /work} on W workers whose service time steps from 50 ms to 150 ms one third into the measured
     * window and back at two thirds (15 s and 30 s with {@code --duration 45s}): a dependency slows down.
     */
    STEP("step"),
    /** 90 % {@code /work?ms=10} and 10 % {@code /work?ms=200} sharing W workers: mean 29 ms, W / 29 ms per second. */
    MIXED("mixed");

    static final int POOL_MS = 50;
    static final int CPU_MS = 20;
    static final int STEP_SLOW_MS = 150;
    static final int MIXED_FAST_MS = 10;
    static final int MIXED_SLOW_MS = 200;
    static final double MIXED_SLOW_SHARE = 0.1;

    private final String id;

    Workload(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Workload of(String id) {
        return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(Workload::id).toList()));
    }

    /** Requests per second the app can complete, from its design; for {@link #CPU} the experiment measures it instead. */
    double nominalCapacity(int workers) {
        return switch (this) {
            case POOL, STEP -> workers * 1000.0 / POOL_MS;
            case CPU -> Runtime.getRuntime().availableProcessors() * 1000.0 / CPU_MS;
            case MIXED -> workers * 1000.0 / meanMixedMillis();
        };
    }

    /**
     * How many requests the app really works on at once: the tuned fixed limit is 3 × this (a queue of about two
     * service times, as the first experiment chose for the pool).
     */
    int parallelism(int workers) {
        return this == CPU ? Runtime.getRuntime().availableProcessors() : workers;
    }

    /**
     * The step workload's capacity averaged over the window (two fast thirds, one slow third); for the others
     * the capacity itself. Goodput targets are read against this.
     */
    double averageCapacity(double capacity) {
        return this == STEP ? capacity * (2 + (double) POOL_MS / STEP_SLOW_MS) / 3 : capacity;
    }

    static double meanMixedMillis() {
        return (1 - MIXED_SLOW_SHARE) * MIXED_FAST_MS + MIXED_SLOW_SHARE * MIXED_SLOW_MS;
    }

    /** The step workload's service time at {@code offset} from the start of the run (warm-up included). */
    static int stepMillis(Duration offset, Duration warmup, Duration duration) {
        Duration intoWindow = offset.minus(warmup);
        Duration third = duration.dividedBy(3);
        boolean slow = intoWindow.compareTo(third) >= 0 && intoWindow.compareTo(third.multipliedBy(2)) < 0;
        return slow ? STEP_SLOW_MS : POOL_MS;
    }

    /** The URI of one request scheduled {@code offset} after the run began; {@code random} picks mixed routes. */
    URI target(URI app, Duration offset, Duration warmup, Duration duration, SplittableRandom random) {
        String path = switch (this) {
            case POOL -> "/work?ms=" + POOL_MS;
            case CPU -> "/cpu?ms=" + CPU_MS;
            case STEP -> "/work?ms=" + stepMillis(offset, warmup, duration);
            case MIXED -> "/work?ms=" + (random.nextDouble() < MIXED_SLOW_SHARE ? MIXED_SLOW_MS : MIXED_FAST_MS);
        };
        return app.resolve(path);
    }

    String describe(int workers) {
        return switch (this) {
            case POOL -> String.format(Locale.ROOT, "`GET /work?ms=%d` on %d workers (fair semaphore)", POOL_MS, workers);
            case CPU -> String.format(Locale.ROOT, "`GET /cpu?ms=%d`: %d ms of CPU time per request on the request thread, no pool, %d cores",
                    CPU_MS, CPU_MS, Runtime.getRuntime().availableProcessors());
            case STEP -> String.format(Locale.ROOT, "`GET /work?ms=N` on %d workers, N = %d ms, then %d ms from one third of the measured window "
                    + "to two thirds, then %d ms again", workers, POOL_MS, STEP_SLOW_MS, POOL_MS);
            case MIXED -> String.format(Locale.ROOT, "`GET /work?ms=%d` (%.0f %%) and `/work?ms=%d` (%.0f %%) sharing %d workers (mean %.0f ms)",
                    MIXED_FAST_MS, 100 * (1 - MIXED_SLOW_SHARE), MIXED_SLOW_MS, 100 * MIXED_SLOW_SHARE, workers, meanMixedMillis());
        };
    }
}
