package dev.sluice.shedding;

/**
 * How many requests may be in flight at once. Sluice owns the permit (one compare-and-set on its own
 * counter, so the in-flight count can never pass the limit); an implementation only says what the limit
 * is now and, if adaptive, learns from the latency of finished requests.
 */
public interface ConcurrencyLimit {

    /** The limit now; read on every admission, so it must be cheap (a volatile read). */
    int current();

    /**
     * The limit critical requests are held to: {@link #current()} but for a limit that pins itself low for a
     * moment to measure the service (the knee limit's probe), which keeps critical requests at the limit it
     * had, since refusing them is worse than a noisier measurement. Read on every critical admission.
     */
    default int criticalCurrent() {
        return current();
    }

    /** Whether {@link #onSample} wants to hear of finished requests (then their latency is measured). */
    default boolean adaptive() {
        return false;
    }

    /**
     * A request admitted under this limit has finished.
     *
     * @param startNanos {@link System#nanoTime()} when it was admitted
     * @param rttNanos   how long it took
     * @param inFlight   in-flight count when it was admitted (itself included)
     * @param dropped    whether it ended without an answer (timed out or abandoned), a sign of overload
     */
    default void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
    }

    /** Short name for the admin state and logs, e.g. {@code fixed} or {@code gradient2}. */
    String type();
}
