package dev.sluice.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What to do after an attempt: {@link Retry} after a wait, or {@link Stop} and hand the last response (or
 * failure) to the caller. A value, not an exception, so adapters switch on it and listeners record it.
 */
public sealed interface RetryDecision permits RetryDecision.Retry, RetryDecision.Stop {

    /** Attempts made so far in this call, the one just ended included (1 after the first). */
    int attempt();

    /** The status of the attempt just ended; 0 when it ended without a response (a failure). */
    int status();

    /**
     * Try again after {@code delay}.
     *
     * @param attempt attempts made so far
     * @param status  status of the attempt just ended, 0 for a failure
     * @param signal  why this attempt is worth repeating
     * @param delay   how long to wait first; zero or more, never more than the policy's {@code maxWait}
     * @param source  where {@code delay} came from
     */
    record Retry(int attempt, int status, Signal signal, Duration delay, WaitSource source) implements RetryDecision {
        public Retry {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(source, "source");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, but was " + delay);
            }
        }
    }

    /**
     * Do not try again; the caller gets the last response or failure as it is.
     *
     * @param attempt attempts made so far
     * @param status  status of the attempt just ended, 0 for a failure
     * @param reason  why not
     * @param signal  what would have been retried; {@code null} when the attempt was not retryable at all
     *                (a success, a 500, another 4xx, a failure other than a refused connection)
     */
    record Stop(int attempt, int status, StopReason reason, Signal signal) implements RetryDecision {
        public Stop {
            Objects.requireNonNull(reason, "reason");
            if ((reason == StopReason.NOT_RETRYABLE) != (signal == null)) {
                throw new IllegalArgumentException("a stop has a signal exactly when its reason is not NOT_RETRYABLE, but was "
                        + reason + " with " + signal);
            }
        }

        /** Whether a retryable answer was given up on (as opposed to an answer that is final by nature). */
        public boolean gaveUp() {
            return signal != null;
        }
    }

    /** What an attempt said that makes it worth repeating. */
    enum Signal {
        /** 503: the server is in maintenance, overloaded or a dependency is down. */
        SERVICE_UNAVAILABLE,
        /** 429: this client spent its quota. */
        TOO_MANY_REQUESTS,
        /** 502, when the policy retries it. */
        BAD_GATEWAY,
        /** 504, when the policy retries it. */
        GATEWAY_TIMEOUT,
        /** The connection could not be made, so the request was never sent. */
        CONNECT_FAILURE;

        /** The signal of a status, or {@code null} for one that is never retried. */
        static Signal of(int status) {
            return switch (status) {
                case 503 -> SERVICE_UNAVAILABLE;
                case 429 -> TOO_MANY_REQUESTS;
                case 502 -> BAD_GATEWAY;
                case 504 -> GATEWAY_TIMEOUT;
                default -> null;
            };
        }

        /** Lower case with dashes, for tags and logs ({@code service-unavailable}). */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where a wait came from. */
    enum WaitSource {
        /** The {@code Retry-After} header (delay-seconds or HTTP-date). */
        RETRY_AFTER,
        /** The {@code t} of the {@code RateLimit} field on a 429, when it was later than anything else. */
        RATE_LIMIT,
        /** The {@code retryAfter} member of a problem+json body, when the header was absent. */
        PROBLEM_BODY,
        /** No hint: exponential back-off with full jitter. */
        BACKOFF;

        public String tagValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Why a call stops. */
    enum StopReason {
        /** The attempt's outcome is final: a success, a 500, another 4xx, or a failure that may have reached the server. */
        NOT_RETRYABLE,
        /** The request is not idempotent and carries no idempotency key. */
        NOT_IDEMPOTENT,
        /** The policy's {@code maxAttempts} are spent. */
        MAX_ATTEMPTS,
        /** The server asked for a longer wait than the policy's {@code maxWait}. */
        WAIT_TOO_LONG,
        /** The wait would not end before the call's deadline. */
        DEADLINE,
        /** The client's retry budget is spent. */
        BUDGET_EXHAUSTED;

        public String tagValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
