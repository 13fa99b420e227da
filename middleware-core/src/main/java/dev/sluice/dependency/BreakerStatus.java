package dev.sluice.dependency;

import java.time.Duration;

/**
 * What a dependency's breaker says now.
 *
 * @param state       the breaker's state
 * @param untilRetry  for OPEN: time left until the breaker lets a trial call through (zero or negative
 *                    once it may); {@code null} when unknown or not OPEN
 */
public record BreakerStatus(State state, Duration untilRetry) {

    public enum State { CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED, UNKNOWN }

    public static final BreakerStatus UNKNOWN = new BreakerStatus(State.UNKNOWN, null);

    /** Whether requests that need the dependency should be refused now. */
    public boolean refuses() {
        return state == State.FORCED_OPEN
                || (state == State.OPEN && (untilRetry == null || !untilRetry.isNegative() && !untilRetry.isZero()));
    }
}
