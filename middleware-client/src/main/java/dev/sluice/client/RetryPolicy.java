package dev.sluice.client;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a client retries, how long it waits and how much it may retry at all (CONTRACT §12). Immutable;
 * built with {@link #builder()}, where every setter checks its value at once and a bad one fails naming
 * the setting and the value ("maxWait must be positive, but was -PT1S").
 *
 * <p>The rules, and why:
 * <ul>
 *   <li>Only 503 and 429 are retried by default: both say "not now, later" and usually say when. 502 and
 *       504 can be switched on ({@link Builder#retryStatuses}); a 500 never is, because an application bug
 *       does not go away by asking again.</li>
 *   <li>Only idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) or requests that carry an
 *       {@code Idempotency-Key} are retried, because a second POST may do the work twice.</li>
 *   <li>A wait the server asks for is honoured as it is. When it is longer than {@link #maxWait()} or does
 *       not end before the call's deadline, the client gives up at once and returns the response: asking
 *       earlier than the server said would only earn another 503, and the caller can pass "come back in N
 *       seconds" upward instead of hanging.</li>
 *   <li>Without a hint the client backs off exponentially with full jitter, so clients that failed together
 *       do not come back together.</li>
 *   <li>All requests of one client share a retry budget: retries are at most {@link #budgetShare()} of the
 *       requests plus {@link #budgetMinRetriesPerSecond()} per second, counted over {@link #budgetWindow()}.
 *       Without it, three attempts per request turn a 2× overload into a 6× one.</li>
 * </ul>
 */
public final class RetryPolicy {

    /** One try and two retries, as Resilience4j and gRPC default to: enough to ride out a blip. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Long enough for an overload hint (Sluice sends 1–5 s) and a short rate-limit window; short enough for a user who waits. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
    /** 429 and 503: the two statuses that mean "later" rather than "broken". */
    public static final Set<Integer> DEFAULT_RETRY_STATUSES = Set.of(429, 503);
    /** The statuses a policy may retry at all. */
    public static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);
    /** A connection that was never made carried no request, so retrying it cannot do the work twice. */
    public static final boolean DEFAULT_RETRY_CONNECT_FAILURES = true;
    public static final boolean DEFAULT_RETRY_NON_IDEMPOTENT = false;
    /** The header of draft-ietf-httpapi-idempotency-key-header. */
    public static final String DEFAULT_IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /**
     * 10 % of requests may be retried, as the Google SRE book's per-client retry budget and gRPC's
     * {@code tokenRatio} example: at worst 1.1 attempts per request under a sustained failure, which keeps
     * a fleet under the 1.2 the retry-storm experiment aims for with room for the floor.
     */
    public static final double DEFAULT_BUDGET_SHARE = 0.1;
    /** One retry per second whatever the traffic, so a quiet client can still ride out a blip. */
    public static final int DEFAULT_BUDGET_MIN_RETRIES_PER_SECOND = 1;
    /** Requests and retries count for 10 s, as Finagle's RetryBudget: long enough to smooth bursts. */
    public static final Duration DEFAULT_BUDGET_WINDOW = Duration.ofSeconds(10);

    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private final int maxAttempts;
    private final Duration maxWait;
    private final Duration callTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double backoffMultiplier;
    private final Set<Integer> retryStatuses;
    private final boolean retryConnectFailures;
    private final boolean retryNonIdempotent;
    private final String idempotencyKeyHeader;
    private final double budgetShare;
    private final int budgetMinRetriesPerSecond;
    private final Duration budgetWindow;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.maxWait = b.maxWait;
        this.callTimeout = b.callTimeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.retryStatuses = Set.copyOf(b.retryStatuses);
        this.retryConnectFailures = b.retryConnectFailures;
        this.retryNonIdempotent = b.retryNonIdempotent;
        this.idempotencyKeyHeader = b.idempotencyKeyHeader;
        this.budgetShare = b.budgetShare;
        this.budgetMinRetriesPerSecond = b.budgetMinRetriesPerSecond;
        this.budgetWindow = b.budgetWindow;
    }

    /** The defaults, each a {@code DEFAULT_*} constant of this class. */
    public static RetryPolicy ofDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this policy's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Attempts per call, the first one included; 1 means never retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest single wait; a server asking for more gets its response returned at once. */
    public Duration maxWait() {
        return maxWait;
    }

    /** The default deadline of a whole call, attempts and waits included; empty: none. */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /** The back-off ceiling of the first retry when the server gave no hint. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The back-off ceiling never grows past this. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How much the back-off ceiling grows per retry. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** Response statuses that are retried, a subset of {@link #RETRYABLE_STATUSES}. */
    public Set<Integer> retryStatuses() {
        return retryStatuses;
    }

    /** Whether a connection that could not be made is retried. */
    public boolean retryConnectFailures() {
        return retryConnectFailures;
    }

    /** Whether POST, PATCH and other non-idempotent requests without an idempotency key are retried too. */
    public boolean retryNonIdempotent() {
        return retryNonIdempotent;
    }

    /** A request carrying this header is treated as idempotent whatever its method. */
    public String idempotencyKeyHeader() {
        return idempotencyKeyHeader;
    }

    /** Retries allowed per request, from 0 to 1. */
    public double budgetShare() {
        return budgetShare;
    }

    /** Retries allowed per second on top of the share. */
    public int budgetMinRetriesPerSecond() {
        return budgetMinRetriesPerSecond;
    }

    /** How long a request or a retry counts in the budget. */
    public Duration budgetWindow() {
        return budgetWindow;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts && maxWait.equals(p.maxWait)
                && Objects.equals(callTimeout, p.callTimeout) && initialBackoff.equals(p.initialBackoff)
                && maxBackoff.equals(p.maxBackoff) && Double.compare(backoffMultiplier, p.backoffMultiplier) == 0
                && retryStatuses.equals(p.retryStatuses) && retryConnectFailures == p.retryConnectFailures
                && retryNonIdempotent == p.retryNonIdempotent && idempotencyKeyHeader.equalsIgnoreCase(p.idempotencyKeyHeader)
                && Double.compare(budgetShare, p.budgetShare) == 0 && budgetMinRetriesPerSecond == p.budgetMinRetriesPerSecond
                && budgetWindow.equals(p.budgetWindow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, maxWait, callTimeout, initialBackoff, maxBackoff, backoffMultiplier, retryStatuses,
                retryConnectFailures, retryNonIdempotent, idempotencyKeyHeader.toLowerCase(java.util.Locale.ROOT), budgetShare,
                budgetMinRetriesPerSecond, budgetWindow);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", maxWait=" + maxWait + ", callTimeout=" + (callTimeout == null ? "none" : callTimeout)
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", backoffMultiplier=" + backoffMultiplier
                + ", retryStatuses=" + new TreeSet<>(retryStatuses) + ", retryConnectFailures=" + retryConnectFailures
                + ", retryNonIdempotent=" + retryNonIdempotent + ", idempotencyKeyHeader=" + idempotencyKeyHeader
                + ", budgetShare=" + budgetShare + ", budgetMinRetriesPerSecond=" + budgetMinRetriesPerSecond
                + ", budgetWindow=" + budgetWindow + "}";
    }

    /** Builds a {@link RetryPolicy}; each setter rejects a bad value at once, naming it. */
    public static final class Builder {

        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private Duration callTimeout;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
        private Set<Integer> retryStatuses = DEFAULT_RETRY_STATUSES;
        private boolean retryConnectFailures = DEFAULT_RETRY_CONNECT_FAILURES;
        private boolean retryNonIdempotent = DEFAULT_RETRY_NON_IDEMPOTENT;
        private String idempotencyKeyHeader = DEFAULT_IDEMPOTENCY_KEY_HEADER;
        private double budgetShare = DEFAULT_BUDGET_SHARE;
        private int budgetMinRetriesPerSecond = DEFAULT_BUDGET_MIN_RETRIES_PER_SECOND;
        private Duration budgetWindow = DEFAULT_BUDGET_WINDOW;

        private Builder() {
        }

        private Builder(RetryPolicy p) {
            maxAttempts = p.maxAttempts;
            maxWait = p.maxWait;
            callTimeout = p.callTimeout;
            initialBackoff = p.initialBackoff;
            maxBackoff = p.maxBackoff;
            backoffMultiplier = p.backoffMultiplier;
            retryStatuses = p.retryStatuses;
            retryConnectFailures = p.retryConnectFailures;
            retryNonIdempotent = p.retryNonIdempotent;
            idempotencyKeyHeader = p.idempotencyKeyHeader;
            budgetShare = p.budgetShare;
            budgetMinRetriesPerSecond = p.budgetMinRetriesPerSecond;
            budgetWindow = p.budgetWindow;
        }

        /** Attempts per call, the first included: at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw invalid("maxAttempts must be at least 1", maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The longest single wait: positive, at most a day. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = positiveUpToADay("maxWait", maxWait);
            return this;
        }

        /** A deadline for every call (attempts and waits); a call may set its own. Positive. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive("callTimeout", callTimeout);
            return this;
        }

        /** No default deadline: waits are bounded by {@code maxWait} and {@code maxAttempts} only. */
        public Builder noCallTimeout() {
            this.callTimeout = null;
            return this;
        }

        /** The back-off ceiling of the first retry: positive, at most {@code maxBackoff} and a day. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positiveUpToADay("initialBackoff", initialBackoff);
            return this;
        }

        /** The largest back-off ceiling: positive, at least {@code initialBackoff}, at most a day. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positiveUpToADay("maxBackoff", maxBackoff);
            return this;
        }

        /** Growth of the back-off ceiling per retry: a finite number, at least 1. */
        public Builder backoffMultiplier(double backoffMultiplier) {
            if (!(backoffMultiplier >= 1) || Double.isInfinite(backoffMultiplier)) {
                throw invalid("backoffMultiplier must be a finite number of at least 1", backoffMultiplier);
            }
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        /** Statuses to retry, any of 429, 502, 503, 504 (none: retry only connect failures). */
        public Builder retryStatuses(Collection<Integer> statuses) {
            Objects.requireNonNull(statuses, "retryStatuses");
            if (!RETRYABLE_STATUSES.containsAll(statuses)) {
                throw invalid("retryStatuses may hold only " + new TreeSet<>(RETRYABLE_STATUSES), new TreeSet<>(statuses));
            }
            this.retryStatuses = Set.copyOf(statuses);
            return this;
        }

        /** Statuses to retry, any of 429, 502, 503, 504. */
        public Builder retryStatuses(Integer... statuses) {
            return retryStatuses(List.of(statuses));
        }

        public Builder retryConnectFailures(boolean retryConnectFailures) {
            this.retryConnectFailures = retryConnectFailures;
            return this;
        }

        public Builder retryNonIdempotent(boolean retryNonIdempotent) {
            this.retryNonIdempotent = retryNonIdempotent;
            return this;
        }

        /** A header name (an HTTP token) that marks a request as safe to repeat. */
        public Builder idempotencyKeyHeader(String idempotencyKeyHeader) {
            if (idempotencyKeyHeader == null || !idempotencyKeyHeader.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw invalid("idempotencyKeyHeader must be a header name", idempotencyKeyHeader == null ? null : "'" + idempotencyKeyHeader + "'");
            }
            this.idempotencyKeyHeader = idempotencyKeyHeader;
            return this;
        }

        /** Retries allowed per request: from 0 (only the per-second floor) to 1. */
        public Builder budgetShare(double budgetShare) {
            if (!(budgetShare >= 0 && budgetShare <= 1)) {
                throw invalid("budgetShare must be between 0 and 1", budgetShare);
            }
            this.budgetShare = budgetShare;
            return this;
        }

        /** Retries allowed per second whatever the traffic: 0 or more. */
        public Builder budgetMinRetriesPerSecond(int budgetMinRetriesPerSecond) {
            if (budgetMinRetriesPerSecond < 0) {
                throw invalid("budgetMinRetriesPerSecond must not be negative", budgetMinRetriesPerSecond);
            }
            this.budgetMinRetriesPerSecond = budgetMinRetriesPerSecond;
            return this;
        }

        /** How long requests and retries count in the budget: whole seconds, from 1 s to 1 h. */
        public Builder budgetWindow(Duration budgetWindow) {
            Objects.requireNonNull(budgetWindow, "budgetWindow");
            if (budgetWindow.compareTo(Duration.ofSeconds(1)) < 0 || budgetWindow.compareTo(Duration.ofHours(1)) > 0
                    || budgetWindow.getNano() != 0) {
                throw invalid("budgetWindow must be whole seconds from PT1S to PT1H", budgetWindow);
            }
            this.budgetWindow = budgetWindow;
            return this;
        }

        /** The policy; fails when two settings contradict each other. */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be less than initialBackoff (" + initialBackoff
                        + "), but was " + maxBackoff);
            }
            return new RetryPolicy(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw invalid(name + " must be positive", d);
            }
            return d;
        }

        /** Positive and at most a day: a client that would wait longer should not wait at all, and nanosecond arithmetic stays exact. */
        private static Duration positiveUpToADay(String name, Duration d) {
            positive(name, d);
            if (d.compareTo(MAX_DURATION) > 0) {
                throw invalid(name + " must be at most " + MAX_DURATION, d);
            }
            return d;
        }

        private static IllegalArgumentException invalid(String rule, Object value) {
            return new IllegalArgumentException(rule + ", but was " + value);
        }
    }
}
