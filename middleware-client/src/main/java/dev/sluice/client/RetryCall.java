package dev.sluice.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.sluice.client.RetryDecision.Retry;
import dev.sluice.client.RetryDecision.Signal;
import dev.sluice.client.RetryDecision.Stop;
import dev.sluice.client.RetryDecision.StopReason;
import dev.sluice.client.RetryDecision.WaitSource;

/**
 * One request, however many attempts it takes: tell it how each attempt ended and it answers with a
 * {@link RetryDecision}. Made by {@link SluiceRetry#newCall}.
 *
 * <p>The order of the checks is the order of the rules' weight: a final answer stops at once; then the
 * method (a POST is never repeated by surprise); then the attempts left; then the wait (the server's, or
 * back-off), which must fit under {@code maxWait} and end before the deadline; and only then the budget,
 * so a retry that will not be made spends nothing.
 *
 * <p>Not thread-safe: one attempt at a time, as a call is. Asynchronous adapters call it from whichever
 * thread ends an attempt; the future or publisher that links the attempts orders those calls.
 */
public final class RetryCall {

    /** RFC 9110 §9.2.2: a second request has the same effect as the first. */
    static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final SluiceRetry retry;
    private final String method;
    private final boolean idempotent;
    private final long startNanos;
    private final Duration callTimeout;
    private int attempts;

    RetryCall(SluiceRetry retry, String method, boolean idempotent, long startNanos, Duration callTimeout) {
        this.retry = retry;
        this.method = method;
        this.idempotent = idempotent;
        this.startNanos = startNanos;
        this.callTimeout = callTimeout;
    }

    /**
     * An attempt answered.
     *
     * @param status  its status code
     * @param headers all values of a response header by name, case-insensitive; empty list when absent
     * @param body    the body as text; asked for only when {@link #needsBody} said so
     */
    public RetryDecision onResponse(int status, Function<String, List<String>> headers, Supplier<String> body) {
        attempts++;
        Signal signal = retry.policy().retryStatuses().contains(status) ? Signal.of(status) : null;
        if (signal == null) {
            return stop(status, StopReason.NOT_RETRYABLE, null);
        }
        if (!idempotent) {
            return stop(status, StopReason.NOT_IDEMPOTENT, signal);
        }
        if (attempts >= retry.policy().maxAttempts()) {
            return stop(status, StopReason.MAX_ATTEMPTS, signal);
        }
        Duration allowance = allowance();
        // One nanosecond past what we could wait: a longer value is cut there and then refused below.
        Duration ceiling = allowance.plusNanos(1);
        Duration wait = null;
        WaitSource source = null;
        Optional<Duration> header = RetryAfterHeader.parse(first(headers, "Retry-After"), retry.clock().instant(), ceiling);
        if (header.isPresent()) {
            wait = header.get();
            source = WaitSource.RETRY_AFTER;
        } else if (isJson(headers)) {
            OptionalLong fromBody = ProblemBody.retryAfterSeconds(body.get());
            if (fromBody.isPresent()) {
                wait = seconds(fromBody.getAsLong(), ceiling);
                source = WaitSource.PROBLEM_BODY;
            }
        }
        if (status == 429) {
            // The quota resets no earlier than t: coming back before it would only earn another 429.
            OptionalLong reset = RateLimitHeader.resetSeconds(all(headers, "RateLimit"));
            if (reset.isPresent() && (wait == null || seconds(reset.getAsLong(), ceiling).compareTo(wait) > 0)) {
                wait = seconds(reset.getAsLong(), ceiling);
                source = WaitSource.RATE_LIMIT;
            }
        }
        if (wait == null) {
            wait = retry.backoff(attempts - 1);
            source = WaitSource.BACKOFF;
        }
        return retryIfItFits(status, signal, wait, source);
    }

    /**
     * An attempt failed without a response. Only a connection that could not be made is retried (when the
     * policy says so), and for any method: the request never left, so it cannot have done anything.
     */
    public RetryDecision onFailure(Throwable failure) {
        attempts++;
        if (!retry.policy().retryConnectFailures() || !isConnectFailure(failure)) {
            return stop(0, StopReason.NOT_RETRYABLE, null);
        }
        if (attempts >= retry.policy().maxAttempts()) {
            return stop(0, StopReason.MAX_ATTEMPTS, Signal.CONNECT_FAILURE);
        }
        return retryIfItFits(0, Signal.CONNECT_FAILURE, retry.backoff(attempts - 1), WaitSource.BACKOFF);
    }

    /**
     * Whether {@link #onResponse} would read the body of this response: a status it retries, no
     * {@code Retry-After}, and a JSON body. Adapters buffer the body only then, so ordinary responses stream.
     */
    public boolean needsBody(int status, Function<String, List<String>> headers) {
        return retry.policy().retryStatuses().contains(status) && idempotent
                && first(headers, "Retry-After") == null && isJson(headers);
    }

    /** Attempts made so far. */
    public int attempts() {
        return attempts;
    }

    /** Time left until the call's deadline (zero when it has passed); empty when the call has none. */
    public Optional<Duration> timeLeft() {
        if (callTimeout == null) {
            return Optional.empty();
        }
        Duration left = callTimeout.minusNanos(retry.nanoTime() - startNanos);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /** The request's method. */
    public String method() {
        return method;
    }

    /** The longest wait this call could still take: the policy's maximum, or less when the deadline is nearer. */
    private Duration allowance() {
        Duration max = retry.policy().maxWait();
        Optional<Duration> left = timeLeft();
        return left.isPresent() && left.get().compareTo(max) < 0 ? left.get() : max;
    }

    private RetryDecision retryIfItFits(int status, Signal signal, Duration wait, WaitSource source) {
        if (wait.compareTo(retry.policy().maxWait()) > 0) {
            return stop(status, StopReason.WAIT_TOO_LONG, signal);
        }
        Optional<Duration> left = timeLeft();
        // The wait must end before the deadline, or the next attempt would start with no time at all.
        if (left.isPresent() && wait.compareTo(left.get()) >= 0) {
            return stop(status, StopReason.DEADLINE, signal);
        }
        if (!retry.budget().tryRetry()) {
            return stop(status, StopReason.BUDGET_EXHAUSTED, signal);
        }
        return fire(new Retry(attempts, status, signal, wait, source));
    }

    private RetryDecision stop(int status, StopReason reason, Signal signal) {
        return fire(new Stop(attempts, status, reason, signal));
    }

    private RetryDecision fire(RetryDecision decision) {
        retry.fire(method, decision);
        return decision;
    }

    private static Duration seconds(long seconds, Duration ceiling) {
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(ceiling) > 0 ? ceiling : d;
    }

    private static List<String> all(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values == null ? List.of() : values;
    }

    private static String first(Function<String, List<String>> headers, String name) {
        List<String> values = all(headers, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** {@code application/problem+json}, {@code application/json} or any other {@code +json} type. */
    private static boolean isJson(Function<String, List<String>> headers) {
        String type = first(headers, "Content-Type");
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String essence = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return essence.equals("application/json") || essence.startsWith("application/") && essence.endsWith("+json");
    }

    /** A refused or unreachable connection: the request was never sent. */
    static boolean isConnectFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) { // bounded: a cause chain may loop
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
