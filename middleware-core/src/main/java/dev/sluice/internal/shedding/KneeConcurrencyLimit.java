package dev.sluice.internal.shedding;

import dev.sluice.shedding.ConcurrencyLimit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An adaptive limit that needs no tuning: it stays out of the way until the service is persistently saturated,
 * then holds the in-flight count at three times the parallelism the service really has.
 *
 * <p><b>The signal: parallelism, by Little's law.</b> A service that is saturated completes X requests per
 * second; a request that runs alone takes S on average (no queue ahead of it, nothing to share with). Their
 * product c = X × S is the number of requests the service actually works on at once: 4 for four pool workers,
 * about 2 for CPU work on two cores, 4 for a pool serving a mix of 10 ms and 200 ms requests. Limits measured
 * as a latency ratio against a baseline (Vegas, Gradient2) cannot hold all three at once: a pool's latency
 * grows in steps of one service time per worker's worth of queue, a CPU's grows with every request that
 * shares it, and a mixed route's minimum says nothing about its mean. In units of c they are alike: a limit
 * of {@value #GAIN} × c keeps every worker busy through bursts (goodput) and bounds the queue to about two
 * service times (latency). That is BBR's "bandwidth × minimum RTT × gain" for requests.
 *
 * <p><b>The baseline is never learned under load.</b> S comes only from requests admitted with at most
 * {@code min} requests in flight (alone, with the default minimum of 1). At low load these come by
 * themselves. A saturated service has none, so when saturation first persists, when throughput shifts by
 * more than {@value #SHIFT_PERCENT} % (a dependency slowed down, a neighbour took the CPU) and every
 * {@value #PROBE_PERIOD_SECONDS} s while overloaded, the limit probes as Envoy's adaptive-concurrency filter
 * does: it pins itself at {@code min} (for all but critical requests, which keep the limit it had) until
 * {@value #PROBE_SAMPLES} such requests have finished (at most {@value #PROBE_MILLIS} ms after the first), then
 * sets c from their mean alone (older samples may predate the shift, or be a cold JVM's first, slow requests)
 * and the throughput measured just before. A baseline inferred
 * from queued requests would drift up with the queue (Gradient2 riding its ceiling; Cinnamon's "ever drifting
 * target latency"); the probe cannot.
 *
 * <p><b>Never shed an app that is not overloaded.</b> The limit distinguishes a standing queue from a burst
 * the way CoDel and Facebook's "Fail at Scale" do: by persistence. Only when requests were admitted at (or
 * near) the normal share of the limit for {@value #PERSIST_MILLIS} ms in a row is the service overloaded; a
 * Poisson burst at exactly capacity comes and goes. Before that, and again once saturation has been gone for
 * as long, the limit is lenient: once a request has run alone, it doubles per interval while the mean latency
 * stays within {@value #GAIN} × S, never above twice the highest in-flight count it has seen divided by the
 * normal share (failsafe-go's limit factor, so it cannot run away from real use; normal requests stop at their
 * share, so twice their peak alone could never give them room), and it never shrinks.
 *
 * <p><b>While overloaded</b> the limit returns to {@value #GAIN} × c by a fifth per interval and grows again
 * when requests are admitted with at most c in flight or an interval's mean latency is within {@value #NO_QUEUE}
 * × S (nothing queued: the service keeps up, or capacity came back). Each interval lasts at least
 * {@value #MIN_INTERVAL_MILLIS} ms, {@value #INTERVAL_SERVICE_TIMES} mean service times and
 * {@value #MIN_INTERVAL_SAMPLES} samples.
 *
 * <p><b>Cost.</b> {@link #current()} is a volatile read. {@link #onSample} takes a lock only with
 * {@code tryLock}: a thread that finds it held counts its completion (for throughput) and leaves, because
 * latency statistics are a sample and a request must never wait for them. Nothing is allocated per sample, and
 * no clock is read: time is the sample's own completion time ({@code startNanos + rttNanos}, on the caller's
 * {@link System#nanoTime()}), so tests drive the limit in virtual time by passing virtual timestamps.
 */
public final class KneeConcurrencyLimit implements ConcurrencyLimit {

    /** Limit = GAIN × measured parallelism: a queue of about two service times behind every worker. */
    static final double GAIN = 3.0;
    /** How long saturation must last to count as overload, and how long its absence to end it. */
    static final long PERSIST_MILLIS = 2000;
    static final int PROBE_SAMPLES = 16;
    static final long PROBE_MILLIS = 1000;
    static final long PROBE_PERIOD_SECONDS = 30;
    /** A probe that sees no request finish alone for this long gives up (requests stuck in the app). */
    static final long PROBE_GIVE_UP_MILLIS = 10_000;
    static final int SHIFT_PERCENT = 40;
    static final long MIN_INTERVAL_MILLIS = 100;
    static final int INTERVAL_SERVICE_TIMES = 4;
    static final int MIN_INTERVAL_SAMPLES = 10;

    /** A request admitted at 80 % or more of the normal share counts as admitted at the limit... */
    private static final double NEAR_CAP = 0.8;
    /** ...and an interval where half the requests were is saturated. */
    private static final double SATURATED_FRACTION = 0.5;
    /** While overloaded, the queue emptied if this share of requests found at most c in flight. */
    private static final double FREE_FRACTION = 0.05;
    /**
     * ...or if the interval's mean latency was within this factor of S: nothing queued, so the limit is below
     * the knee (capacity came back while the limit held normal requests under the old parallelism).
     */
    private static final double NO_QUEUE = 1.25;
    /** While overloaded, the limit falls back towards GAIN × c by this factor per interval. */
    private static final double DECAY = 0.8;
    /** Growth stops at this multiple of the highest in-flight count seen in the interval, over the normal share. */
    private static final double LENIENT_FACTOR = 2.0;
    /** Mean latency of the last this-many requests that ran alone is the service time S. */
    private static final int BASELINE_SAMPLES = 32;
    /** Time constant of the saturated-throughput average. */
    private static final long THROUGHPUT_TAU_MILLIS = 2000;

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private enum Mode { LENIENT, PROBING, OVERLOADED }

    private final int min;
    private final int max;
    private final double normalShare;
    private final ReentrantLock lock = new ReentrantLock();
    /** Completions whose thread found the lock held: counted for throughput, not for latency. */
    private final LongAdder unsampled = new LongAdder();
    private volatile int published;
    private volatile int publishedCritical;

    // Everything below is guarded by lock.
    private double limit;
    private double previousLimit;
    private Mode mode = Mode.LENIENT;
    private final long[] baseline = new long[BASELINE_SAMPLES];
    private int baselineCount;
    private int baselineNext;
    private long baselineSum;
    private double serviceNanos = Double.NaN;
    private boolean serviceMeasured;
    private long intervalStart = Long.MIN_VALUE;
    private int samples;
    private double rttSum;
    private int peakInFlight;
    private int nearCap;
    private int free;
    private long saturatedSince = Long.MIN_VALUE;
    private long unsaturatedSince = Long.MIN_VALUE;
    private double throughput = Double.NaN; // requests per nanosecond while saturated
    private double parallelism = Double.NaN;
    private double throughputAtMeasure;
    private long shiftNanos;
    private long shiftSamples;
    private boolean justProbed;
    private long lastProbe = Long.MIN_VALUE;
    private long probeStart;
    private long probeFirst = Long.MIN_VALUE;
    private int probeSamples;

    /**
     * @param initial     where the limit starts
     * @param min         the lowest it goes, and the concurrency it pins itself at to measure the service alone
     * @param max         the highest it goes
     * @param normalShare the share of the limit normal requests may use ({@code sluice.shedding.normal-share}):
     *                    the limit is saturated when requests are admitted up to it
     */
    public KneeConcurrencyLimit(int initial, int min, int max, double normalShare) {
        if (min < 1 || min > max || initial < min || initial > max) {
            throw new IllegalArgumentException("expected 1 <= min <= initial <= max, but was min " + min + ", initial " + initial + ", max " + max);
        }
        if (!(normalShare > 0 && normalShare <= 1)) {
            throw new IllegalArgumentException("normalShare must be greater than 0 and at most 1, but was " + normalShare);
        }
        this.min = min;
        this.max = max;
        this.normalShare = normalShare;
        this.limit = initial;
        this.previousLimit = initial;
        this.published = initial;
        this.publishedCritical = initial;
    }

    @Override
    public int current() {
        return published;
    }

    @Override
    public int criticalCurrent() {
        return publishedCritical;
    }

    @Override
    public boolean adaptive() {
        return true;
    }

    @Override
    public String type() {
        return "knee";
    }

    @Override
    public void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
        if (!lock.tryLock()) {
            unsampled.increment();
            return;
        }
        try {
            sample(startNanos + rttNanos, rttNanos, inFlight, dropped);
        } finally {
            lock.unlock();
        }
    }

    private void sample(long now, long rtt, int inFlight, boolean dropped) {
        if (intervalStart == Long.MIN_VALUE) {
            intervalStart = now;
        }
        // An abandoned request's time says nothing about the service's.
        boolean alone = inFlight <= min && !dropped;
        if (alone) {
            if (baselineCount == BASELINE_SAMPLES) {
                baselineSum -= baseline[baselineNext];
            } else {
                baselineCount++;
            }
            baseline[baselineNext] = rtt;
            baselineSum += rtt;
            baselineNext = (baselineNext + 1) % BASELINE_SAMPLES;
            serviceNanos = baselineSum / (double) baselineCount;
        }
        if (mode == Mode.PROBING) {
            probe(now, alone);
            return;
        }
        samples++;
        rttSum += rtt;
        peakInFlight = Math.max(peakInFlight, inFlight);
        if (inFlight >= NEAR_CAP * normalCap(Math.min(limit, previousLimit))) {
            nearCap++;
        }
        if (inFlight <= parallelism) {
            free++;
        }
        long minimum = Math.max(MIN_INTERVAL_MILLIS * MS, Double.isNaN(serviceNanos) ? 0 : (long) (INTERVAL_SERVICE_TIMES * serviceNanos));
        if (samples >= MIN_INTERVAL_SAMPLES && now - intervalStart >= minimum) {
            closeInterval(now);
        }
    }

    private void probe(long now, boolean alone) {
        if (alone) {
            probeSamples++;
            if (probeFirst == Long.MIN_VALUE) {
                probeFirst = now;
            }
        }
        boolean done = probeSamples >= PROBE_SAMPLES || (probeSamples > 0 && now - probeFirst >= PROBE_MILLIS * MS);
        if (done) {
            serviceMeasured = true;
            parallelism = throughput * serviceNanos;
            throughputAtMeasure = throughput;
            mode = Mode.OVERLOADED;
            unsaturatedSince = Long.MIN_VALUE;
            justProbed = true;
            lastProbe = now;
            setLimit(GAIN * parallelism);
            startInterval(now);
        } else if (now - probeStart >= PROBE_GIVE_UP_MILLIS * MS) {
            mode = Mode.LENIENT; // keep the limit it had; try again after the next stretch of saturation
            lastProbe = now;
            saturatedSince = Long.MIN_VALUE;
            publish();
            startInterval(now);
        }
    }

    private void closeInterval(long now) {
        long duration = Math.max(1, now - intervalStart);
        long completed = samples + unsampled.sumThenReset();
        double intervalThroughput = completed / (double) duration;
        double meanRtt = rttSum / samples;
        boolean saturated = nearCap >= SATURATED_FRACTION * samples;
        if (saturated) {
            double a = Math.min(1.0, duration / (double) (THROUGHPUT_TAU_MILLIS * MS));
            throughput = Double.isNaN(throughput) ? intervalThroughput : (1 - a) * throughput + a * intervalThroughput;
            unsaturatedSince = Long.MIN_VALUE;
            if (saturatedSince == Long.MIN_VALUE) {
                saturatedSince = intervalStart;
            }
        } else {
            saturatedSince = Long.MIN_VALUE;
            if (unsaturatedSince == Long.MIN_VALUE) {
                unsaturatedSince = intervalStart;
            }
        }
        double next = limit;
        if (mode == Mode.LENIENT) {
            if (saturatedSince != Long.MIN_VALUE && now - saturatedSince >= PERSIST_MILLIS * MS) {
                if (recentlyMeasured(now) && withinShift(throughput / throughputAtMeasure)) {
                    mode = Mode.OVERLOADED;
                    unsaturatedSince = Long.MIN_VALUE;
                    resetShift();
                    next = GAIN * parallelism;
                } else {
                    startProbe(now);
                    return;
                }
            } else if (baselineCount > 0 && meanRtt <= GAIN * serviceNanos) { // never on a latency measured under load
                next = grown(limit);
            }
        } else if (unsaturatedSince != Long.MIN_VALUE && now - unsaturatedSince >= PERSIST_MILLIS * MS) {
            mode = Mode.LENIENT;
            saturatedSince = Long.MIN_VALUE;
        } else {
            if (!justProbed && (free >= FREE_FRACTION * samples || meanRtt <= NO_QUEUE * serviceNanos)) {
                next = grown(Math.max(1, Math.sqrt(limit)));
            } else if (saturated) {
                next = Math.max(GAIN * parallelism, limit * DECAY);
            }
            justProbed = false;
            if (saturated) {
                if (withinShift(intervalThroughput / throughputAtMeasure)) {
                    resetShift();
                } else {
                    shiftNanos += duration;
                    shiftSamples += completed;
                }
                boolean shifted = shiftNanos > 0 && shiftNanos >= PERSIST_MILLIS * MS;
                if (shifted || now - lastProbe > TimeUnit.SECONDS.toNanos(PROBE_PERIOD_SECONDS)) {
                    if (shifted) {
                        throughput = shiftSamples / (double) shiftNanos; // the new capacity, not a blend with the old
                    }
                    startProbe(now);
                    return;
                }
            }
        }
        previousLimit = limit;
        setLimit(next);
        startInterval(now);
    }

    /**
     * The limit {@code step} up, but never beyond {@value #LENIENT_FACTOR} × the highest in-flight count seen in
     * the interval, divided by the normal share (normal requests stop there).
     */
    private double grown(double step) {
        return Math.min(limit + step, Math.max(limit, LENIENT_FACTOR * peakInFlight / normalShare));
    }

    private boolean recentlyMeasured(long now) {
        return serviceMeasured && now - lastProbe <= TimeUnit.SECONDS.toNanos(PROBE_PERIOD_SECONDS);
    }

    private static boolean withinShift(double ratio) {
        double low = 1 - SHIFT_PERCENT / 100.0;
        return ratio >= low && ratio <= 1 / low;
    }

    private void resetShift() {
        shiftNanos = 0;
        shiftSamples = 0;
    }

    private void startProbe(long now) {
        // The probe measures afresh: older samples may predate a shift, or be a cold JVM's first, slow requests.
        baselineCount = 0;
        baselineNext = 0;
        baselineSum = 0;
        mode = Mode.PROBING;
        probeStart = now;
        probeFirst = Long.MIN_VALUE;
        probeSamples = 0;
        resetShift();
        saturatedSince = Long.MIN_VALUE;
        publish();
        startInterval(now);
    }

    private void startInterval(long now) {
        intervalStart = now;
        samples = 0;
        rttSum = 0;
        peakInFlight = 0;
        nearCap = 0;
        free = 0;
        unsampled.reset();
    }

    private int normalCap(double limit) {
        return Math.max(1, (int) ((int) limit * normalShare));
    }

    private void setLimit(double value) {
        if (Double.isFinite(value)) { // a limit of 0 would refuse everything: never publish one from a bad estimate
            limit = Math.min(max, Math.max(min, value));
        }
        publish();
    }

    private void publish() {
        publishedCritical = (int) limit; // a probe pins other requests only
        published = mode == Mode.PROBING ? min : (int) limit;
    }
}
