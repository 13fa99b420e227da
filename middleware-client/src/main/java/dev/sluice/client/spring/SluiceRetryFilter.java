package dev.sluice.client.spring;

import dev.sluice.client.RetryCall;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Objects;

/**
 * Retries for {@code WebClient} that honour {@code Retry-After}, {@code RateLimit} and problem bodies within
 * a retry budget (CONTRACT §12).
 *
 * <pre>{@code
 * WebClient client = WebClient.builder().filter(new SluiceRetryFilter(RetryPolicy.ofDefaults())).build();
 * }</pre>
 *
 * <p>Waits are {@link Mono#delay} on a Reactor {@link Scheduler} (the parallel one by default): a timer,
 * not a parked thread, so an event loop is never blocked and cancelling the subscription cancels the wait.
 * Each subscription is one call: it counts once in the budget however many attempts it makes. A retried
 * response's body is released, so its connection goes back to the pool.
 *
 * <p>Thread-safe; make one per client, as all its calls share one retry budget.
 */
public final class SluiceRetryFilter implements ExchangeFilterFunction {

    private final SluiceRetry retry;
    private final Scheduler scheduler;

    /** Retries following {@code policy}, with a budget of its own. */
    public SluiceRetryFilter(RetryPolicy policy) {
        this(SluiceRetry.of(policy));
    }

    /** Retries with the given logic (its listeners, its budget, possibly shared). */
    public SluiceRetryFilter(SluiceRetry retry) {
        this(retry, Schedulers.parallel());
    }

    /** As {@link #SluiceRetryFilter(SluiceRetry)}, waiting on {@code scheduler} (a virtual-time one in tests). */
    public SluiceRetryFilter(SluiceRetry retry, Scheduler scheduler) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> attempt(request, next, retry.newCall(request.method().name(), request.headers()::getOrEmpty,
                SluiceRetryAttributes.callTimeout(request.attributes(), retry.policy()))));
    }

    public SluiceRetry retry() {
        return retry;
    }

    private Mono<ClientResponse> attempt(ClientRequest request, ExchangeFunction next, RetryCall call) {
        // materialize(): the failure of this attempt only, not of the attempts a retry chains after it.
        return next.exchange(request).materialize().flatMap(signal -> afterAttempt(signal, request, next, call));
    }

    private Mono<ClientResponse> afterAttempt(Signal<ClientResponse> signal, ClientRequest request, ExchangeFunction next, RetryCall call) {
        if (signal.isOnError()) {
            Throwable failure = signal.getThrowable();
            return call.onFailure(failure) instanceof RetryDecision.Retry r ? later(r, request, next, call) : Mono.error(failure);
        }
        ClientResponse response = signal.get();
        if (response == null) {
            return Mono.empty();
        }
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        if (call.needsBody(status, headers::getOrEmpty)) {
            return response.bodyToMono(String.class).defaultIfEmpty("")
                    .flatMap(body -> decide(response.mutate().body(body).build(), status, headers, body, request, next, call));
        }
        return decide(response, status, headers, "", request, next, call);
    }

    private Mono<ClientResponse> decide(ClientResponse response, int status, HttpHeaders headers, String body,
                                        ClientRequest request, ExchangeFunction next, RetryCall call) {
        if (call.onResponse(status, headers::getOrEmpty, () -> body) instanceof RetryDecision.Retry r) {
            return response.releaseBody().then(later(r, request, next, call));
        }
        return Mono.just(response);
    }

    private Mono<ClientResponse> later(RetryDecision.Retry r, ClientRequest request, ExchangeFunction next, RetryCall call) {
        return Mono.delay(r.delay(), scheduler).then(Mono.defer(() -> attempt(request, next, call)));
    }
}
