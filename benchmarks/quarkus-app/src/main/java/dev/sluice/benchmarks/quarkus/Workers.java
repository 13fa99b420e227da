package dev.sluice.benchmarks.quarkus;

import dev.sluice.Sluice;
import io.quarkus.load.shedding.runtime.OverloadDetector;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The W workers of the app (a fair semaphore, standing for a connection pool) and the counters the
 * experiment reads, the same as the Jetty app's ({@code OverloadApp}): served, in flight, and the
 * shedder's limit sampled every 10 ms. The limit is Sluice's when its shedding is on, quarkus-load-shedding's
 * when that is on (it has no API for it: its {@code OverloadDetector} keeps it in a private field, read by
 * reflection), -1 with neither or if that field is gone in another Quarkus version.
 */
@ApplicationScoped
public class Workers {

    private final Semaphore permits;
    private final IntSupplier limit;
    final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final LongAdder served = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder samples = new LongAdder();
    private final LongAdder inFlightSum = new LongAdder();
    private final LongAdder limitSum = new LongAdder();
    private final AtomicInteger limitMin = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger limitMax = new AtomicInteger(Integer.MIN_VALUE);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "overload-sampler");
        t.setDaemon(true);
        return t;
    });

    Workers(@ConfigProperty(name = "overload.workers") int workers, Sluice sluice,
            @ConfigProperty(name = "quarkus.load-shedding.enabled") boolean loadShedding, Instance<OverloadDetector> detector) {
        // Fair: waiting requests get a worker in arrival order, as from a FIFO connection pool.
        this.permits = new Semaphore(workers, true);
        this.limit = sluice.shedding().<IntSupplier>map(guard -> guard::limit)
                .orElseGet(() -> loadShedding && detector.isResolvable() ? limitOf(detector.get()) : () -> -1);
    }

    /** quarkus-load-shedding's current limit (the Vegas-style detector's {@code currentLimit}), or -1 if unreadable. */
    private static IntSupplier limitOf(OverloadDetector detector) {
        try {
            Field currentLimit = OverloadDetector.class.getDeclaredField("currentLimit");
            currentLimit.setAccessible(true);
            return () -> {
                try {
                    return (int) currentLimit.getLong(detector);
                } catch (IllegalAccessException e) {
                    return -1;
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return () -> -1;
        }
    }

    void start(@Observes StartupEvent event) {
        sampler.scheduleAtFixedRate(this::sample, 10, 10, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        sampler.shutdownNow();
    }

    /** Holds one worker for {@code ms}. */
    String work(long ms) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            permits.acquire();
            try {
                Thread.sleep(ms);
            } finally {
                permits.release();
            }
            served.increment();
            return "worked " + ms + " ms\n";
        } catch (InterruptedException e) {
            failed.increment();
            throw e;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void sample() {
        samples.increment();
        inFlightSum.add(inFlight.get());
        int l = limit.getAsInt();
        limitSum.add(l);
        limitMin.accumulateAndGet(l, Math::min);
        limitMax.accumulateAndGet(l, Math::max);
    }

    void reset() {
        maxInFlight.set(inFlight.get());
        served.reset();
        failed.reset();
        samples.reset();
        inFlightSum.reset();
        limitSum.reset();
        limitMin.set(Integer.MAX_VALUE);
        limitMax.set(Integer.MIN_VALUE);
    }

    /** One line the experiment parses, in the Jetty app's format. */
    String stats() {
        long n = Math.max(1, samples.sum());
        return String.format(Locale.ROOT,
                "STATS served=%d failed=%d maxInFlight=%d meanInFlight=%.2f limitMin=%d limitMean=%.2f limitMax=%d limitLast=%d",
                served.sum(), failed.sum(), maxInFlight.get(), inFlightSum.sum() / (double) n,
                limitMin.get(), limitSum.sum() / (double) n, limitMax.get(), limit.getAsInt());
    }
}
