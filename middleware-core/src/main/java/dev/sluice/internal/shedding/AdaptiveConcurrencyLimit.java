package dev.sluice.internal.shedding;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import dev.sluice.shedding.ConcurrencyLimit;

/**
 * A limit that follows measured latency, using the algorithms of Netflix concurrency-limits: Gradient2
 * (compares short- and long-term average latency) or Vegas (estimates the queue from the minimum
 * latency). Only the algorithm is borrowed; the permit stays Sluice's own counter.
 */
public final class AdaptiveConcurrencyLimit implements ConcurrencyLimit {

    private final Limit algorithm;
    private final int min;
    private final String type;

    private AdaptiveConcurrencyLimit(Limit algorithm, int min, String type) {
        this.algorithm = algorithm;
        this.min = min;
        this.type = type;
    }

    /** Gradient2, starting at {@code initial}, kept within [{@code min}, {@code max}]. */
    public static AdaptiveConcurrencyLimit gradient2(int initial, int min, int max) {
        return new AdaptiveConcurrencyLimit(Gradient2Limit.newBuilder()
                .initialLimit(initial).minLimit(min).maxConcurrency(max).build(), min, "gradient2");
    }

    /**
     * Vegas, starting at {@code initial}, kept within [{@code min}, {@code max}]. NCL's Vegas has no
     * floor of its own (drops take it down to 1), so the floor is applied here.
     */
    public static AdaptiveConcurrencyLimit vegas(int initial, int min, int max) {
        return new AdaptiveConcurrencyLimit(VegasLimit.newBuilder()
                .initialLimit(initial).maxConcurrency(max).build(), min, "vegas");
    }

    @Override
    public int current() {
        return Math.max(min, algorithm.getLimit());
    }

    @Override
    public boolean adaptive() {
        return true;
    }

    @Override
    public void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
        algorithm.onSample(startNanos, rttNanos, inFlight, dropped);
    }

    @Override
    public String type() {
        return type;
    }
}
