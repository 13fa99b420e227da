package dev.sluice.client.jdk;

import dev.sluice.client.RetryCall;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.Sleeper;
import dev.sluice.client.SluiceRetry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link HttpClient} that honours {@code Retry-After}, {@code RateLimit} and problem bodies within a retry
 * budget (CONTRACT §12). It wraps rather than extends the client: {@code HttpClient} grows methods with each
 * Java release, and a subclass compiled for Java 17 would silently not forward them.
 *
 * <pre>{@code
 * SluiceHttpClient client = SluiceHttpClient.of(HttpClient.newHttpClient(), RetryPolicy.ofDefaults());
 * HttpResponse<String> r = client.send(request, BodyHandlers.ofString(), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Every response the caller does not get (one that is retried) is discarded: a body that is a stream is
 * closed, so the connection goes back to the pool. When a call has a deadline, each attempt's
 * {@link HttpRequest#timeout() timeout} is cut to the time left, so no attempt runs past it.
 *
 * <p>Thread-safe; make one per {@code HttpClient}, as all its calls share one retry budget.
 */
public final class SluiceHttpClient {

    private final HttpClient client;
    private final SluiceRetry retry;
    private final Sleeper sleeper;

    private SluiceHttpClient(HttpClient client, SluiceRetry retry, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Wraps {@code client} with retries following {@code policy}, with a budget of its own. */
    public static SluiceHttpClient of(HttpClient client, RetryPolicy policy) {
        return of(client, SluiceRetry.of(policy));
    }

    /** Wraps {@code client} with the given retry logic (its listeners, its budget, possibly shared). */
    public static SluiceHttpClient of(HttpClient client, SluiceRetry retry) {
        return of(client, retry, Sleeper.THREAD);
    }

    /** As {@link #of(HttpClient, SluiceRetry)}, with the way {@link #send} waits (tests record instead of sleeping). */
    public static SluiceHttpClient of(HttpClient client, SluiceRetry retry, Sleeper sleeper) {
        return new SluiceHttpClient(client, retry, sleeper);
    }

    /** Sends with retries and the policy's default deadline. */
    public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) throws IOException, InterruptedException {
        return send(request, handler, null);
    }

    /**
     * Sends with retries, waiting on this thread between attempts.
     *
     * @param callTimeout the whole call must end within this; {@code null}: the policy's default
     * @return the first response that is not retried: a success, a final error, or the last retryable one
     *         when the call gave up (its {@code Retry-After} tells the caller when to come back)
     * @throws IOException the last attempt's failure, when it ended without a response
     * @throws InterruptedException when interrupted during an attempt or a wait; no further attempt is made
     */
    public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler, Duration callTimeout)
            throws IOException, InterruptedException {
        RetryCall call = newCall(request, callTimeout);
        while (true) {
            Attempt<T> attempt = new Attempt<>(handler, call);
            HttpResponse<T> response;
            try {
                response = client.send(forAttempt(request, call), attempt);
            } catch (IOException e) {
                if (call.onFailure(e) instanceof RetryDecision.Retry r) {
                    sleeper.sleep(r.delay());
                    continue;
                }
                throw e;
            }
            if (attempt.decide(response) instanceof RetryDecision.Retry r) {
                discard(response);
                sleeper.sleep(r.delay());
                continue;
            }
            return response;
        }
    }

    /** Sends asynchronously with retries and the policy's default deadline. */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    /**
     * Sends asynchronously with retries. Waits are scheduled with {@link CompletableFuture#delayedExecutor},
     * whose one timer thread serves every wait in the JVM: no thread is parked while a call waits, so a
     * thousand calls waiting out a {@code Retry-After} cost a thousand timer entries, not a thousand threads.
     * The next attempt runs on the client's executor (or the common pool when it has none).
     *
     * <p>Cancelling the returned future stops the call: the attempt in flight is cancelled and no other starts.
     *
     * @param callTimeout the whole call must end within this; {@code null}: the policy's default
     */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler, Duration callTimeout) {
        AsyncCall<T> call = new AsyncCall<>(request, handler, newCall(request, callTimeout));
        call.attempt();
        return call.result;
    }

    /** The wrapped client. */
    public HttpClient httpClient() {
        return client;
    }

    public SluiceRetry retry() {
        return retry;
    }

    private RetryCall newCall(HttpRequest request, Duration callTimeout) {
        Duration timeout = callTimeout != null ? callTimeout : retry.policy().callTimeout().orElse(null);
        return retry.newCall(request.method(), request.headers()::allValues, timeout);
    }

    /** The request with its timeout cut to the time the call has left, so no attempt outlives the deadline. */
    private static HttpRequest forAttempt(HttpRequest request, RetryCall call) {
        Optional<Duration> left = call.timeLeft();
        if (left.isEmpty()) {
            return request;
        }
        Duration budget = left.get().compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left.get();
        if (request.timeout().isPresent() && request.timeout().get().compareTo(budget) <= 0) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).timeout(budget).build();
    }

    /** Frees what a response that is not handed to the caller holds (a stream body keeps its connection). */
    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the response is being thrown away; a failure to close it changes nothing for the caller
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** One attempt's body handler: buffers the body only when the decision will read it. */
    private static final class Attempt<T> implements BodyHandler<T> {
        private final BodyHandler<T> handler;
        private final RetryCall call;
        private volatile byte[] body;

        Attempt(BodyHandler<T> handler, RetryCall call) {
            this.handler = handler;
            this.call = call;
        }

        @Override
        public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
            HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
            return call.needsBody(info.statusCode(), info.headers()::allValues)
                    ? new BufferingSubscriber<>(subscriber, bytes -> body = bytes)
                    : subscriber;
        }

        RetryDecision decide(HttpResponse<T> response) {
            // JSON is UTF-8 (RFC 8259 §8.1), whatever the caller's handler decoded it as.
            return call.onResponse(response.statusCode(), response.headers()::allValues,
                    () -> body == null ? "" : new String(body, StandardCharsets.UTF_8));
        }
    }

    /** The attempts of one asynchronous call, linked by futures and timers rather than by a waiting thread. */
    private final class AsyncCall<T> {
        final CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        private final HttpRequest request;
        private final BodyHandler<T> handler;
        private final RetryCall call;
        private final AtomicReference<CompletableFuture<?>> inFlight = new AtomicReference<>();

        AsyncCall(HttpRequest request, BodyHandler<T> handler, RetryCall call) {
            this.request = request;
            this.handler = handler;
            this.call = call;
            result.whenComplete((r, e) -> {
                CompletableFuture<?> f = inFlight.get();
                if (result.isCancelled() && f != null) {
                    f.cancel(true);
                }
            });
        }

        void attempt() {
            if (result.isDone()) {
                return; // the caller cancelled: no further attempt
            }
            Attempt<T> attempt = new Attempt<>(handler, call);
            CompletableFuture<HttpResponse<T>> f;
            try {
                f = client.sendAsync(forAttempt(request, call), attempt);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            inFlight.set(f);
            if (result.isCancelled()) {
                f.cancel(true);
                return;
            }
            f.whenComplete((response, failure) -> {
                try {
                    Throwable cause = failure == null ? null : unwrap(failure);
                    RetryDecision decision = cause == null ? attempt.decide(response) : call.onFailure(cause);
                    if (decision instanceof RetryDecision.Retry r) {
                        if (response != null) {
                            discard(response);
                        }
                        later(r.delay()).execute(this::attempt);
                    } else if (cause == null) {
                        result.complete(response);
                    } else {
                        result.completeExceptionally(cause);
                    }
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        }

        private Executor later(Duration delay) {
            long nanos = delay.toNanos();
            return client.executor()
                    .map(e -> CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, e))
                    .orElseGet(() -> CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS));
        }
    }
}
