package dev.sluice.client.faulttolerance;

import dev.sluice.client.RetryCall;
import dev.sluice.client.RetryDecision;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.List;

/**
 * How long SmallRye Fault Tolerance waits before a retry, as Sluice's client would: the server's
 * {@code Retry-After} (delay-seconds or HTTP-date), for a 429 never before the {@code RateLimit} field's
 * {@code t}, the problem body's {@code retryAfter} when the header is missing, and without any of them
 * exponential back-off with full jitter ({@code sluice.client.initial-backoff}, {@code max-backoff},
 * {@code backoff-multiplier}). Use it with {@link SluiceRetryWhen}, which has already refused a wait longer
 * than {@code sluice.client.max-wait}:
 *
 * <pre>{@code
 * @Retry(maxRetries = 2)
 * @CustomBackoff(SluiceBackoff.class)
 * @RetryWhen(exception = SluiceRetryWhen.class)
 * }</pre>
 *
 * <p>Fault Tolerance makes one per call and calls {@link #init} when the call starts: that is where the call
 * counts in the application's retry budget, once however many attempts it makes. {@code @Retry}'s
 * {@code delay} and {@code jitter} are not used (Fault Tolerance applies no jitter to a custom back-off; this
 * one brings its own).
 */
public final class SluiceBackoff implements CustomBackoffStrategy {

    private ConfiguredRetry retry;
    private RetryCall call;

    @Override
    public void init(long initialDelayInMillis) {
        retry = ConfiguredRetry.current();
        retry.budget().recordRequest();
        call = retry.timing().newCall("GET", name -> List.of());
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        if (call == null) {
            init(0);
        }
        RetryDecision decision = failure instanceof RetryableStatusException answer ? answer.decide(call) : call.onFailure(failure);
        // A stop here means the answer changed since SluiceRetryWhen judged it (an HTTP-date passed): wait the most allowed.
        Duration wait = decision instanceof RetryDecision.Retry r ? r.delay() : retry.policy().maxWait();
        return millisRoundedUp(wait);
    }

    /** Never earlier than the server said. */
    static long millisRoundedUp(Duration wait) {
        long nanos = wait.toNanos();
        return nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
    }
}
