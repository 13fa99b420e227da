package dev.sluice.client.faulttolerance;

import dev.sluice.client.RetryDecision;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Whether SmallRye Fault Tolerance retries a failure, by Sluice's rules (CONTRACT §12), for
 * {@code @RetryWhen(exception = SluiceRetryWhen.class)}:
 * <ul>
 *   <li>an answer with a status the policy retries ({@code sluice.client.retry-statuses}: 429 and 503 by
 *       default, never 500 or another 4xx), to a request that may be repeated (GET, HEAD, OPTIONS, TRACE, PUT,
 *       DELETE, or one with an idempotency key; {@code retry-non-idempotent} to repeat any), whose wait
 *       ({@code Retry-After}, {@code RateLimit}'s {@code t}, the problem body's {@code retryAfter}) is no longer
 *       than {@code sluice.client.max-wait}: a longer one is handed back at once;</li>
 *   <li>a connection that could not be made ({@code retry-connect-failures}), for any method: nothing was sent;</li>
 *   <li>and in both cases only while the application's retry budget has a retry left.</li>
 * </ul>
 * Anything else (a timeout, a reset, a 500) is the caller's at once.
 *
 * <p>It knows an answer's request through {@link RetryableStatusException}: on the Quarkus REST client register
 * {@link SluiceResponseExceptionMapper}. A plain {@link WebApplicationException} with a retryable status does
 * not say whether its request may be repeated, so it is not retried (and a warning says why, once).
 *
 * <p>Fault Tolerance asks this before it checks {@code maxRetries}, so the attempt that spends the last of them
 * also takes a retry from the budget: the budget errs towards fewer retries, never more.
 */
public final class SluiceRetryWhen implements Predicate<Throwable> {

    private static final System.Logger LOG = System.getLogger(SluiceRetryWhen.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    @Override
    public boolean test(Throwable failure) {
        ConfiguredRetry retry = ConfiguredRetry.current();
        RetryDecision decision;
        if (failure instanceof RetryableStatusException answer) {
            decision = answer.decide(retry.judging().newCall(answer.requestMethod(), answer::requestHeader));
        } else if (failure instanceof WebApplicationException e) {
            warnIfRetryable(e.getResponse(), retry);
            return false;
        } else {
            decision = retry.judging().newCall("GET", name -> List.of()).onFailure(failure);
        }
        return decision instanceof RetryDecision.Retry && retry.budget().tryRetry();
    }

    private static void warnIfRetryable(Response response, ConfiguredRetry retry) {
        if (response != null && retry.policy().retryStatuses().contains(response.getStatus()) && WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "A " + response.getStatus() + " was not retried: its exception does not say which "
                    + "request it answered. Register " + SluiceResponseExceptionMapper.class.getName() + " on the REST client "
                    + "(@RegisterProvider) so that Sluice can tell a GET from a POST.");
        }
    }
}
