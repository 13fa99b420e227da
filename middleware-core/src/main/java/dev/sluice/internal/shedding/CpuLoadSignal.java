package dev.sluice.internal.shedding;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The process's CPU load (0–1), sampled on a daemon thread so that the request path only reads a
 * volatile field. A source that cannot tell (negative or NaN) reads as 0: an unknown load never sheds.
 */
public final class CpuLoadSignal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CpuLoadSignal.class.getName());

    private final DoubleSupplier source;
    private final ScheduledExecutorService sampler;
    private volatile double load;

    public CpuLoadSignal(DoubleSupplier source, Duration interval) {
        this.source = source;
        refresh();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-cpu-sampler");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        sampler.scheduleAtFixedRate(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The JVM's own reading of this process's CPU load over all cores. */
    public static DoubleSupplier processCpuLoad() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun::getProcessCpuLoad;
        }
        LOG.log(System.Logger.Level.WARNING, "this JVM does not report process CPU load; sluice.shedding.cpu.* will never shed");
        return () -> -1;
    }

    /** The load at the last sample, 0–1. */
    public double load() {
        return load;
    }

    /** Takes a sample now (the sampler does this every interval). */
    public void refresh() {
        double v;
        try {
            v = source.getAsDouble();
        } catch (RuntimeException e) {
            v = -1;
        }
        load = Double.isNaN(v) || v < 0 ? 0 : Math.min(1, v);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
