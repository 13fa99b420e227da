package dev.sluice.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The retry logic of one client: its {@link RetryPolicy}, its shared {@link RetryBudget}, its listeners and
 * its sources of time and chance. Make one per client (per {@code HttpClient}, {@code RestClient},
 * {@code WebClient}) and start a {@link RetryCall} per request; the adapters do both for you.
 *
 * <p>Thread-safe. Time and randomness are injected ({@link Builder#clock}, {@link Builder#nanoTime},
 * {@link Builder#random}) so that tests decide them instead of waiting for them.
 *
 * <pre>{@code
 * SluiceRetry retry = SluiceRetry.of(RetryPolicy.builder().maxWait(Duration.ofSeconds(20)).build());
 * RetryCall call = retry.newCall("GET", requestHeaders);
 * while (true) {
 *     Response r = send();
 *     if (call.onResponse(r.status(), r::headers, r::body) instanceof RetryDecision.Retry retry) {
 *         sleep(retry.delay());
 *     } else {
 *         return r;
 *     }
 * }
 * }</pre>
 */
public final class SluiceRetry {

    private static final System.Logger LOG = System.getLogger(SluiceRetry.class.getName());

    private final RetryPolicy policy;
    private final RetryBudget budget;
    private final List<SluiceRetryListener> listeners;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;
    private final Backoff backoff;

    private SluiceRetry(Builder b) {
        this.policy = b.policy;
        this.nanoTime = b.nanoTime;
        this.budget = b.budget != null ? b.budget : RetryBudget.of(b.policy, b.nanoTime);
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.random = b.random;
        this.backoff = Backoff.of(b.policy);
    }

    /** Retry logic for {@code policy} on the system clock, with a budget of its own. */
    public static SluiceRetry of(RetryPolicy policy) {
        return builder(policy).build();
    }

    public static Builder builder(RetryPolicy policy) {
        return new Builder(policy);
    }

    /**
     * Starts a call with the policy's default deadline.
     *
     * @param method         the request method, as sent ({@code GET})
     * @param requestHeaders all values of a request header by name (empty list when absent); read once, for
     *                       the idempotency key
     */
    public RetryCall newCall(String method, Function<String, List<String>> requestHeaders) {
        return newCall(method, requestHeaders, policy.callTimeout().orElse(null));
    }

    /**
     * Starts a call with its own deadline.
     *
     * @param callTimeout the whole call (attempts and waits) must end within this; {@code null}: no deadline
     */
    public RetryCall newCall(String method, Function<String, List<String>> requestHeaders, Duration callTimeout) {
        Objects.requireNonNull(method, "method");
        if (callTimeout != null && (callTimeout.isNegative() || callTimeout.isZero())) {
            throw new IllegalArgumentException("callTimeout must be positive, but was " + callTimeout);
        }
        boolean idempotent = policy.retryNonIdempotent() || RetryCall.IDEMPOTENT_METHODS.contains(method)
                || hasValue(requestHeaders.apply(policy.idempotencyKeyHeader()));
        budget.recordRequest();
        return new RetryCall(this, method, idempotent, nanoTime.getAsLong(), callTimeout);
    }

    private static boolean hasValue(List<String> values) {
        return values != null && values.stream().anyMatch(v -> v != null && !v.isBlank());
    }

    public RetryPolicy policy() {
        return policy;
    }

    public RetryBudget budget() {
        return budget;
    }

    Clock clock() {
        return clock;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    Duration backoff(int retry) {
        return backoff.delay(retry, random.getAsDouble());
    }

    void fire(String method, RetryDecision decision) {
        for (SluiceRetryListener l : listeners) {
            try {
                l.onDecision(method, decision);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "retry listener " + l + " failed; the call goes on", e);
            }
        }
    }

    @Override
    public String toString() {
        return "SluiceRetry{" + policy + ", " + budget + "}";
    }

    /** Builds a {@link SluiceRetry}; everything but the policy has a default. */
    public static final class Builder {

        private final RetryPolicy policy;
        private final List<SluiceRetryListener> listeners = new ArrayList<>();
        private RetryBudget budget;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(RetryPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Hears every decision; may be called several times. */
        public Builder listener(SluiceRetryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A budget shared with other clients (default: one of its own, from the policy). */
        public Builder budget(RetryBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /** Wall-clock time, for HTTP-dates in {@code Retry-After}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Monotonic time in nanoseconds, for deadlines and the budget's window. */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /** Uniform random numbers in [0, 1), for the back-off's jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public SluiceRetry build() {
            return new SluiceRetry(this);
        }
    }
}
