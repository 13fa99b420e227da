package dev.sluice.internal.shutdown;

import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.shutdown.ShutdownConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * An instance that is asked to stop tells its clients so, instead of resetting their connections (CONTRACT §11).
 * The adapter calls {@link #begin()} when shutdown starts, before the server stops accepting, turns readiness
 * down, and holds the server's own shutdown back with {@link #awaitWindow()}. Meanwhile every response carries
 * {@code Connection: close}; for the serve window new requests are still served (load balancers need time to
 * stop sending), after it they get 503 {@code shutting-down} with a jittered Retry-After until the server
 * closes its sockets. Requests already admitted finish; exempt paths (liveness) keep answering.
 *
 * <p>Before {@link #begin()} the admit path pays one volatile read.
 */
public final class ShutdownDrain {

    /** Where a draining instance stands. */
    public enum Phase { RUNNING, SERVING, REFUSING }

    /** The header every response carries while draining: the client opens its next connection elsewhere. */
    public static final Map<String, String> CONNECTION_CLOSE = Map.of("Connection", "close");

    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final ShutdownConfig config;
    private final JitteredRetryAfter retryAfter;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final LongAdder served = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile long startedNanos = NOT_STARTED;
    private volatile Instant since;

    public ShutdownDrain(ShutdownConfig config, Clock clock, LongSupplier nanoClock) {
        this.config = config;
        this.retryAfter = new JitteredRetryAfter(Duration.ofSeconds(1), config.retryAfter());
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /** Starts the drain (once; later calls change nothing). Returns whether this call started it. */
    public synchronized boolean begin() {
        if (startedNanos != NOT_STARTED) {
            return false;
        }
        since = clock.instant();
        startedNanos = nanoClock.getAsLong();
        dev.sluice.internal.event.AuditLog.log("drain-begin", "shutdown", since, "serveFor", config.serveFor(), "refuseFor", config.refuseFor());
        return true;
    }

    public boolean draining() {
        return startedNanos != NOT_STARTED;
    }

    /** The phase now: one volatile read while running. */
    public Phase phase() {
        long started = startedNanos;
        if (started == NOT_STARTED) {
            return Phase.RUNNING;
        }
        return nanoClock.getAsLong() - started < config.serveFor().toNanos() ? Phase.SERVING : Phase.REFUSING;
    }

    /** When the drain began, or {@code null}. */
    public Instant since() {
        return since;
    }

    /**
     * Blocks until the serve and refusal windows have passed since {@link #begin()} (at once if it was never
     * begun), so the server's own shutdown runs after them.
     */
    public void awaitWindow() throws InterruptedException {
        long started = startedNanos;
        if (started == NOT_STARTED) {
            return;
        }
        long left = config.window().toNanos() - (nanoClock.getAsLong() - started);
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    public ShutdownConfig config() {
        return config;
    }

    /** The refusal of a new request after the serve window. */
    public Rejection refusal() {
        refused.increment();
        return new Rejection(RejectionReason.SHUTTING_DOWN, "This instance is shutting down. Please retry; another instance will answer.",
                retryAfter.next(clock.instant()), CONNECTION_CLOSE, null);
    }

    /** Counts a request admitted during the serve window. */
    public void servedWhileDraining() {
        served.increment();
    }

    /** Requests answered during the drain, by outcome. */
    public record Counts(long served, long refused) {
    }

    public Counts counts() {
        return new Counts(served.sum(), refused.sum());
    }
}
