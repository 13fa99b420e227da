package dev.sluice.clientlimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.http.ClientAddressResolver;
import dev.sluice.http.RetryAfter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Per-client limits (CONTRACT §1, §2, §5): a client over its own quota gets 429 with Retry-After (seconds
 * until the next token, rounded up, at least 1, never earlier than the reset the RateLimit field
 * announces) and the IETF RateLimit fields. Buckets are Bucket4j's, kept per policy in a bounded
 * Caffeine cache, so a flood of distinct keys cannot grow the heap past {@code maxKeys} buckets per policy.
 * A request on a route without a policy costs one pattern match per policy and nothing else.
 */
public final class ClientLimitGuard {

    private final PolicyState[] policies;
    private final boolean headersOnAdmitted;
    private final boolean legacyHeaders;
    private final Clock clock;

    public ClientLimitGuard(ClientLimitConfig config, ClientAddressResolver addresses, Clock clock) {
        this.clock = clock;
        this.headersOnAdmitted = config.headersOnAdmitted();
        this.legacyHeaders = config.legacyHeaders();
        // The system clock needs no adapter; a test's clock is read through one so tests can move time.
        TimeMeter time = clock.equals(Clock.systemUTC()) ? TimeMeter.SYSTEM_MILLISECONDS : new ClockTimeMeter(clock);
        this.policies = config.policies().stream()
                .map(p -> new PolicyState(p, p.key().resolver(p.apiKeyHeader(), addresses), config, time))
                .toArray(PolicyState[]::new);
    }

    /** Whether any policy is configured (when none, the guard is left out of the pipeline). */
    public boolean isEmpty() {
        return policies.length == 0;
    }

    /** What the guard says of a request on a limited route. */
    public record Verdict(Rejection rejection, Map<String, String> headers) {
    }

    private static final Verdict NOT_LIMITED = new Verdict(null, Map.of());

    /**
     * Spends one token of every policy that applies: a rejection from the first that is spent, else the
     * RateLimit fields for the admitted response (empty when no policy applies or they are switched off).
     */
    public Verdict evaluate(RequestInfo request, String path) {
        Map<String, String> headers = null;
        for (PolicyState state : policies) {
            if (!state.policy.appliesTo(request.method(), path)) {
                continue;
            }
            String key = state.resolver.resolve(request);
            if (key == null) {
                continue; // this policy cannot tell who the client is (e.g. no principal): it does not apply
            }
            Bucket bucket = state.buckets.get(key, state.factory);
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                RetryAfter retryAfter = RetryAfter.after(Duration.ofNanos(probe.getNanosToWaitForRefill()), clock.instant());
                Map<String, String> h = state.fields(0, retryAfter.seconds(), legacyHeaders);
                return new Verdict(new Rejection(RejectionReason.RATE_LIMITED, state.detail, retryAfter, h, state.policy.name()), h);
            }
            if (headersOnAdmitted && headers == null) {
                headers = state.fields(probe.getRemainingTokens(), ceilSeconds(probe.getNanosToWaitForReset()), legacyHeaders);
            }
        }
        return headers == null ? NOT_LIMITED : new Verdict(null, headers);
    }

    /** Buckets currently held by {@code policy} (for the bounded-memory test and the admin state). */
    public long bucketCount(String policy) {
        for (PolicyState s : policies) {
            if (s.policy.name().equals(policy)) {
                s.buckets.cleanUp();
                return s.buckets.estimatedSize();
            }
        }
        throw new IllegalArgumentException("no client-limit policy named '" + policy + "'");
    }

    public List<ClientLimitPolicy> policies() {
        return java.util.Arrays.stream(policies).map(s -> s.policy).toList();
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }

    private static final class PolicyState {
        final ClientLimitPolicy policy;
        final ClientKeyResolver resolver;
        final Cache<String, Bucket> buckets;
        final TimeMeter time;
        final Function<String, Bucket> factory = key -> newBucket(); // one instance: no allocation per lookup
        final String policyField;
        final String itemName;
        final String detail;

        PolicyState(ClientLimitPolicy policy, ClientKeyResolver resolver, ClientLimitConfig config, TimeMeter time) {
            this.policy = policy;
            this.resolver = resolver;
            this.time = time;
            this.buckets = Caffeine.newBuilder()
                    .maximumSize(config.maxKeys())
                    .expireAfterAccess(config.expireAfterIdle())
                    .build();
            boolean several = policy.limits().size() > 1;
            this.itemName = several ? policy.name() + "-" + policy.limits().get(0).windowSeconds() + "s" : policy.name();
            this.policyField = policy.limits().stream()
                    .map(l -> "\"" + (several ? policy.name() + "-" + l.windowSeconds() + "s" : policy.name()) + "\";q=" + l.quota() + ";w=" + l.windowSeconds())
                    .collect(Collectors.joining(", "));
            this.detail = "Too many requests from this client: the limit is "
                    + policy.limits().stream().map(l -> l.quota() + " per " + l.windowSeconds() + " s").collect(Collectors.joining(" and "))
                    + ".";
        }

        Bucket newBucket() {
            LocalBucketBuilder builder = Bucket.builder();
            for (Limit l : policy.limits()) {
                builder.addLimit(b -> policy.refill() == Refill.INTERVAL
                        ? b.capacity(l.quota()).refillIntervally(l.quota(), l.window())
                        : b.capacity(l.quota()).refillGreedy(l.quota(), l.window()));
            }
            // SYNCHRONIZED updates the bucket in place under its own monitor, where LOCK_FREE copies its
            // state on every consume; only requests of the same client ever contend for one bucket.
            return builder.withCustomTimePrecision(time).withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED).build();
        }

        /** RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers, -10 syntax), optionally the legacy trio. */
        Map<String, String> fields(long remaining, long resetSeconds, boolean legacy) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("RateLimit-Policy", policyField);
            h.put("RateLimit", "\"" + itemName + "\";r=" + remaining + ";t=" + resetSeconds);
            if (legacy) {
                h.put("X-RateLimit-Limit", Long.toString(policy.limits().get(0).quota()));
                h.put("X-RateLimit-Remaining", Long.toString(remaining));
                h.put("X-RateLimit-Reset", Long.toString(resetSeconds));
            }
            return h;
        }
    }

    /** Bucket4j time from the configured clock, so tests can move time. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
