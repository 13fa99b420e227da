package dev.sluice.shutdown;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code sluice.shutdown.*}: how an instance that is asked to stop drains (CONTRACT §11).
 *
 * @param serveFor   how long new requests are still served, each with {@code Connection: close}, while load
 *                   balancers learn that readiness is down
 * @param refuseFor  how long new requests then get 503 {@code shutting-down} before the server's own shutdown runs
 * @param retryAfter the largest Retry-After of those 503s; each is drawn from 1 s to this
 */
public record ShutdownConfig(Duration serveFor, Duration refuseFor, Duration retryAfter) {

    public static final Duration DEFAULT_SERVE_FOR = Duration.ZERO;
    public static final Duration DEFAULT_REFUSE_FOR = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(3);

    public ShutdownConfig {
        Objects.requireNonNull(serveFor, "serveFor");
        Objects.requireNonNull(refuseFor, "refuseFor");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static ShutdownConfig defaults() {
        return new ShutdownConfig(DEFAULT_SERVE_FOR, DEFAULT_REFUSE_FOR, DEFAULT_RETRY_AFTER);
    }

    /** How long the drain holds the server's own shutdown back. */
    public Duration window() {
        return serveFor.plus(refuseFor);
    }
}
