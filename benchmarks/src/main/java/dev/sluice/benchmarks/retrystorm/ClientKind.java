package dev.sluice.benchmarks.retrystorm;

import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.jdk.SluiceHttpClient;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How a client retries. All three make at most {@link #MAX_ATTEMPTS} attempts per call, the default of
 * Resilience4j and of Sluice's client, and give each attempt the same timeout; they differ in when they come
 * back and what they come back for, each configured as its documentation suggests and nothing tuned.
 */
enum ClientKind {

    /**
     * Retries at once, on any 5xx or 429 and on any failure (a timeout included): what a hand-written loop or a
     * library without back-off does.
     */
    IMMEDIATE("immediate") {
        @Override
        Caller member(HttpClient http, ScheduledExecutorService timer) {
            return request -> immediate(http, request, 1);
        }
    },
    /**
     * Resilience4j {@code Retry} with its exponential back-off at its defaults
     * ({@code IntervalFunction.ofExponentialBackoff()}: 500 ms, then × 1.5), retrying 5xx, 429 and
     * {@code IOException}s (timeouts included), as its documentation's examples do. It reads no Retry-After.
     */
    RESILIENCE4J("resilience4j") {
        @Override
        Caller member(HttpClient http, ScheduledExecutorService timer) {
            Retry retry = Retry.of("storm", RetryConfig.<HttpResponse<Void>>custom()
                    .maxAttempts(MAX_ATTEMPTS)
                    .intervalFunction(IntervalFunction.ofExponentialBackoff())
                    .retryOnResult(r -> retryable(r.statusCode()))
                    .retryOnException(e -> unwrap(e) instanceof IOException)
                    .build());
            return request -> retry.executeCompletionStage(timer, () -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                    .toCompletableFuture();
        }
    },
    /**
     * Sluice's client ({@code SluiceHttpClient}) at its defaults: Retry-After honoured up to 10 s, 503 and 429
     * only, idempotent requests only, no retry of a timeout, and a retry budget of 10 % of calls plus 1 per
     * second per client instance.
     */
    SLUICE("sluice") {
        @Override
        Caller member(HttpClient http, ScheduledExecutorService timer) {
            SluiceHttpClient client = SluiceHttpClient.of(http, SluiceRetry.of(RetryPolicy.ofDefaults()));
            return request -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        }
    };

    static final int MAX_ATTEMPTS = 3;

    private final String id;

    ClientKind(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static ClientKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown client '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(ClientKind::id).toList()));
    }

    /** One client instance of the fleet: its own retry state (for Sluice, its own budget), the shared connection pool. */
    abstract Caller member(HttpClient http, ScheduledExecutorService timer);

    /** Sends one call, retries included; completes with the answer handed to the caller, or its failure. */
    @FunctionalInterface
    interface Caller {
        CompletableFuture<HttpResponse<Void>> call(HttpRequest request);
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    private static CompletableFuture<HttpResponse<Void>> immediate(HttpClient http, HttpRequest request, int attempt) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            boolean again = attempt < MAX_ATTEMPTS && (failure != null || retryable(response.statusCode()));
            if (again) {
                return immediate(http, request, attempt + 1);
            }
            return failure == null ? CompletableFuture.completedFuture(response) : CompletableFuture.<HttpResponse<Void>>failedFuture(unwrap(failure));
        }).thenCompose(f -> f);
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
