package dev.sluice.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How many retries a client may still make, shared by all its requests, as Finagle's {@code RetryBudget},
 * gRPC's retry throttling and Envoy's retry budget do. Every request deposits {@code share} of a retry;
 * every retry withdraws one; a constant reserve of {@code minRetriesPerSecond × window} is always there.
 * Deposits and withdrawals count for {@code window} and then expire, so within any window:
 *
 * <pre>retries ≤ share × requests + minRetriesPerSecond × window seconds</pre>
 *
 * <p>Why: retries are free for one client and expensive for an overloaded server. When every call fails, a
 * client with three attempts per call triples its load; with a budget it adds at most {@code share} (10 % by
 * default) however many attempts each call may make. The reserve lets a client with little traffic still
 * ride out a blip.
 *
 * <p>Time comes from an injected nano source, so tests move it by hand. The window is kept as ten slots,
 * so an entry expires between 0.9 and 1 window after it was made. Thread-safe; the lock is held for a few
 * additions per call, far below the cost of the network call around it.
 */
public final class RetryBudget {

    /** Units of a retry: a share such as 0.1 is 100 000 units, exact enough for any share a policy allows. */
    private static final long UNIT = 1_000_000L;
    private static final int SLOTS = 10;

    private final double share;
    private final int minRetriesPerSecond;
    private final Duration window;
    private final long depositPerRequest;
    private final long reserve;
    private final long slotNanos;
    private final LongSupplier nanoTime;
    private final long origin;

    // Ring of slots: slotIndex[i] is the absolute slot number held at position i (-1: empty).
    private final long[] slotIndex = new long[SLOTS];
    private final long[] deposited = new long[SLOTS];
    private final long[] withdrawn = new long[SLOTS];

    private RetryBudget(double share, int minRetriesPerSecond, Duration window, LongSupplier nanoTime) {
        this.share = share;
        this.minRetriesPerSecond = minRetriesPerSecond;
        this.window = window;
        this.depositPerRequest = Math.round(share * UNIT);
        this.reserve = Math.multiplyExact(Math.multiplyExact((long) minRetriesPerSecond, window.getSeconds()), UNIT);
        this.slotNanos = window.toNanos() / SLOTS;
        this.nanoTime = nanoTime;
        this.origin = nanoTime.getAsLong();
        java.util.Arrays.fill(slotIndex, -1);
    }

    /** The budget a policy describes, on {@link System#nanoTime()}. */
    public static RetryBudget of(RetryPolicy policy) {
        return of(policy, System::nanoTime);
    }

    /** The budget a policy describes, on the given nano source (monotonic, as {@link System#nanoTime()}). */
    public static RetryBudget of(RetryPolicy policy, LongSupplier nanoTime) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(nanoTime, "nanoTime");
        return new RetryBudget(policy.budgetShare(), policy.budgetMinRetriesPerSecond(), policy.budgetWindow(), nanoTime);
    }

    /**
     * A budget of a million retries per second, which is none in effect: for clients that knowingly opt out
     * (a batch job that is the server's only caller) and for tests of everything but the budget.
     */
    public static RetryBudget unlimited() {
        return new RetryBudget(1, 1_000_000, Duration.ofHours(1), System::nanoTime);
    }

    /** Counts a request: it adds {@code share} of a retry to the budget. Call once per call, not per attempt. */
    public synchronized void recordRequest() {
        deposited[slot(nanoTime.getAsLong())] += depositPerRequest;
    }

    /** Takes one retry from the budget if there is one; {@code false} means: do not retry. */
    public synchronized boolean tryRetry() {
        int slot = slot(nanoTime.getAsLong());
        if (balance() < UNIT) {
            return false;
        }
        withdrawn[slot] += UNIT;
        return true;
    }

    /** Retries that could be made now (a fraction when a share is building up). */
    public synchronized double available() {
        slot(nanoTime.getAsLong());
        return (double) balance() / UNIT;
    }

    public double share() {
        return share;
    }

    public int minRetriesPerSecond() {
        return minRetriesPerSecond;
    }

    public Duration window() {
        return window;
    }

    /** The ring position of the current slot, clearing positions whose slot has left the window. */
    private int slot(long now) {
        long index = Math.max(0, now - origin) / slotNanos;
        for (int i = 0; i < SLOTS; i++) {
            if (slotIndex[i] != -1 && slotIndex[i] <= index - SLOTS) {
                slotIndex[i] = -1;
                deposited[i] = 0;
                withdrawn[i] = 0;
            }
        }
        int pos = (int) (index % SLOTS);
        if (slotIndex[pos] != index) {
            slotIndex[pos] = index;
            deposited[pos] = 0;
            withdrawn[pos] = 0;
        }
        return pos;
    }

    private long balance() {
        long b = reserve;
        for (int i = 0; i < SLOTS; i++) {
            b += deposited[i] - withdrawn[i];
        }
        return b;
    }

    @Override
    public String toString() {
        return "RetryBudget{share=" + share + ", minRetriesPerSecond=" + minRetriesPerSecond + ", window=" + window
                + ", available=" + available() + "}";
    }
}
