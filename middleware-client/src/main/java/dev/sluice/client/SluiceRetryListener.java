package dev.sluice.client;

/**
 * Hears every decision a {@link SluiceRetry} makes, one per attempt, so metrics and logs need no library in
 * this package ({@code dev.sluice.client.micrometer.SluiceRetryMetrics} is one). Called on the thread that
 * ended the attempt, before the wait; it must return quickly. An exception it throws is logged and
 * otherwise ignored: counting a call must never fail it.
 */
@FunctionalInterface
public interface SluiceRetryListener {

    /**
     * An attempt ended and the call decided what comes next.
     *
     * @param method   the request's method
     * @param decision a {@link RetryDecision.Retry} (with the wait and where it came from) or a
     *                 {@link RetryDecision.Stop} (with the reason; {@link RetryDecision.Stop#gaveUp()} when a
     *                 retryable answer was not retried, e.g. for {@link RetryDecision.StopReason#BUDGET_EXHAUSTED})
     */
    void onDecision(String method, RetryDecision decision);
}
