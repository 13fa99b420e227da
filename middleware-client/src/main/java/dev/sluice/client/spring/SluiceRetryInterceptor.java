package dev.sluice.client.spring;

import dev.sluice.client.RetryCall;
import dev.sluice.client.RetryDecision;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.Sleeper;
import dev.sluice.client.SluiceRetry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Retries for {@code RestClient} and {@code RestTemplate} that honour {@code Retry-After}, {@code RateLimit}
 * and problem bodies within a retry budget (CONTRACT §12).
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *         .requestInterceptor(new SluiceRetryInterceptor(RetryPolicy.ofDefaults()))
 *         .build();
 * }</pre>
 *
 * <p>It repeats {@code execution.execute(...)}, which in Spring Framework 7 runs the interceptors after
 * this one again for each attempt; register it first so that, say, an authentication interceptor signs
 * each attempt afresh. A blocking client waits on the calling thread ({@link Sleeper}); a retried response
 * is closed, so its connection goes back to the pool. An interrupt during a wait ends the call with an
 * {@link InterruptedIOException} and keeps the thread's interrupt flag set.
 *
 * <p>Thread-safe; make one per client, as all its calls share one retry budget.
 */
public final class SluiceRetryInterceptor implements ClientHttpRequestInterceptor {

    private final SluiceRetry retry;
    private final Sleeper sleeper;

    /** Retries following {@code policy}, with a budget of its own. */
    public SluiceRetryInterceptor(RetryPolicy policy) {
        this(SluiceRetry.of(policy));
    }

    /** Retries with the given logic (its listeners, its budget, possibly shared). */
    public SluiceRetryInterceptor(SluiceRetry retry) {
        this(retry, Sleeper.THREAD);
    }

    /** As {@link #SluiceRetryInterceptor(SluiceRetry)}, with the way it waits (tests record instead of sleeping). */
    public SluiceRetryInterceptor(SluiceRetry retry, Sleeper sleeper) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
        HttpHeaders requestHeaders = request.getHeaders();
        RetryCall call = retry.newCall(request.getMethod().name(), requestHeaders::getOrEmpty,
                SluiceRetryAttributes.callTimeout(request.getAttributes(), retry.policy()));
        while (true) {
            ClientHttpResponse response;
            try {
                response = execution.execute(request, body);
            } catch (IOException e) {
                if (call.onFailure(e) instanceof RetryDecision.Retry r) {
                    pause(r);
                    continue;
                }
                throw e;
            }
            int status = response.getStatusCode().value();
            HttpHeaders headers = response.getHeaders();
            byte[] buffered = call.needsBody(status, headers::getOrEmpty) ? readAll(response) : null;
            RetryDecision decision = call.onResponse(status, headers::getOrEmpty,
                    () -> buffered == null ? "" : new String(buffered, StandardCharsets.UTF_8));
            if (decision instanceof RetryDecision.Retry r) {
                response.close();
                pause(r);
                continue;
            }
            return buffered == null ? response : new BufferedClientHttpResponse(response, buffered);
        }
    }

    public SluiceRetry retry() {
        return retry;
    }

    private static byte[] readAll(ClientHttpResponse response) throws IOException {
        try (InputStream in = response.getBody()) {
            return in.readAllBytes();
        }
    }

    private void pause(RetryDecision.Retry r) throws InterruptedIOException {
        try {
            sleeper.sleep(r.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting " + r.delay() + " to retry");
            io.initCause(e);
            throw io;
        }
    }
}
