package dev.sluice.clientlimit;

import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.http.RetryAfter;
import dev.sluice.internal.clientlimit.LocalClientBucketStore;
import dev.sluice.internal.http.ClientAddressResolver;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Per-client limits (CONTRACT §1, §2, §5): a client over its own quota gets 429 with Retry-After (seconds
 * until the next token, rounded up, at least 1, never earlier than the reset the RateLimit field
 * announces) and the IETF RateLimit fields. Buckets are Bucket4j's, kept per policy and per kind of key in a
 * {@link ClientBucketStore}: this instance's bounded memory by default ({@link LocalClientBucketStore}), or a store
 * the fleet shares. Keys a client chooses are stored as a fixed-size hash (see {@link HashedKey}). A bucket is
 * kept at least as long as its policy's longest window. A request on a route without a policy costs one pattern
 * match per policy and nothing else.
 */
public final class ClientLimitGuard {

    private final PolicyState[] policies;
    private final boolean headersOnAdmitted;
    private final boolean legacyHeaders;
    private final Clock clock;

    public ClientLimitGuard(ClientLimitConfig config, ClientAddressResolver addresses, Clock clock) {
        this(config, addresses, clock, new LocalClientBucketStore());
    }

    public ClientLimitGuard(ClientLimitConfig config, ClientAddressResolver addresses, Clock clock, ClientBucketStore store) {
        this.clock = clock;
        this.headersOnAdmitted = config.headersOnAdmitted();
        this.legacyHeaders = config.legacyHeaders();
        // The system clock needs no adapter; a test's clock is read through one so tests can move time.
        TimeMeter time = clock.equals(Clock.systemUTC()) ? TimeMeter.SYSTEM_MILLISECONDS : new ClockTimeMeter(clock);
        this.policies = config.policies().stream()
                .map(p -> new PolicyState(p, config, addresses, time, store))
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
     * Spends one token of every policy that applies to {@code request} (its normalised {@code path}), for
     * every key of the policy: a rejection from the first that is spent (the tokens already taken for the
     * request are given back), else the RateLimit fields for the admitted response (the key with the fewest
     * left; empty when no policy applies or the fields are switched off).
     */
    public Verdict evaluate(RequestInfo request, String path) {
        Map<String, String> headers = null;
        for (PolicyState state : policies) {
            if (!state.policy.appliesTo(request.method(), path)) {
                continue;
            }
            // Only the first applying policy's standing goes into the RateLimit fields; the others need a yes or no.
            boolean fields = headersOnAdmitted && headers == null;
            ConsumptionProbe tightest = null;
            for (int d = 0; d < state.keys.length; d++) {
                KeyedBuckets keyed = state.keys[d];
                Object key = keyed.resolver.resolve(request);
                if (key == null) {
                    continue; // this kind of key cannot tell who the client is (e.g. no principal): it does not apply
                }
                long nanosToRefill;
                if (fields) {
                    ConsumptionProbe probe = keyed.buckets.tryConsumeAndReturnRemaining(key);
                    if (probe.isConsumed()) {
                        if (tightest == null || probe.getRemainingTokens() < tightest.getRemainingTokens()) {
                            tightest = probe;
                        }
                        continue;
                    }
                    nanosToRefill = probe.getNanosToWaitForRefill();
                } else if (keyed.buckets.tryConsume(key)) {
                    continue;
                } else {
                    nanosToRefill = keyed.buckets.nanosToWaitForRefill(key);
                }
                state.refund(request, d);
                RetryAfter retryAfter = RetryAfter.after(Duration.ofNanos(nanosToRefill), clock.instant());
                Map<String, String> h = state.fields(0, retryAfter.seconds(), legacyHeaders);
                return new Verdict(new Rejection(RejectionReason.RATE_LIMITED, state.detail, retryAfter, h, state.policy.name()), h);
            }
            if (fields && tightest != null) {
                headers = state.fields(tightest.getRemainingTokens(), ceilSeconds(tightest.getNanosToWaitForReset()), legacyHeaders);
            }
        }
        return headers == null ? NOT_LIMITED : new Verdict(null, headers);
    }

    /** Buckets currently held by {@code policy}, over all its keys (for the bounded-memory test and the admin state). */
    public long bucketCount(String policy) {
        for (PolicyState s : policies) {
            if (s.policy.name().equals(policy)) {
                long n = 0;
                for (KeyedBuckets k : s.keys) {
                    n += k.buckets.size();
                }
                return n;
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

    /** The buckets of one kind of key of one policy. */
    private record KeyedBuckets(ClientKeyResolver resolver, ClientBuckets buckets) {
    }

    private static final class PolicyState {
        final ClientLimitPolicy policy;
        final KeyedBuckets[] keys;
        final String policyField;
        final String itemName;
        final String detail;

        PolicyState(ClientLimitPolicy policy, ClientLimitConfig config, ClientAddressResolver addresses, TimeMeter time,
                    ClientBucketStore store) {
            this.policy = policy;
            Duration expiry = config.expireAfterIdle().compareTo(policy.longestWindow()) >= 0
                    ? config.expireAfterIdle() : policy.longestWindow(); // forgetting a client refills its bucket
            io.github.bucket4j.ConfigurationBuilder buckets = BucketConfiguration.builder();
            for (Quota l : policy.limits()) {
                buckets.addLimit(policy.refill() == Refill.INTERVAL
                        ? Bandwidth.builder().capacity(l.requests()).refillIntervally(l.requests(), l.window()).build()
                        : Bandwidth.builder().capacity(l.requests()).refillGreedy(l.requests(), l.window()).build());
            }
            BucketConfiguration configuration = buckets.build();
            this.keys = policy.keys().stream()
                    .map(type -> new KeyedBuckets(type.resolver(policy.apiKeyHeader(), addresses, config.ipv6Prefix()),
                            store.open(new BucketSpace(policy.name() + ":" + type.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                                    configuration, expiry, config.maxKeys(), time))))
                    .toArray(KeyedBuckets[]::new);
            boolean several = policy.limits().size() > 1;
            this.itemName = several ? policy.name() + "-" + policy.limits().get(0).windowSeconds() + "s" : policy.name();
            this.policyField = policy.limits().stream()
                    .map(l -> "\"" + (several ? policy.name() + "-" + l.windowSeconds() + "s" : policy.name()) + "\";q=" + l.requests() + ";w=" + l.windowSeconds())
                    .collect(Collectors.joining(", "));
            this.detail = "Too many requests from this client: the limit is "
                    + policy.limits().stream().map(l -> l.requests() + " per " + l.windowSeconds() + " s").collect(Collectors.joining(" and "))
                    + ".";
        }

        /** Gives back the token the keys before {@code refused} took for a request that is refused anyway. */
        void refund(RequestInfo request, int refused) {
            for (int d = 0; d < refused; d++) {
                Object key = keys[d].resolver.resolve(request);
                if (key != null) {
                    keys[d].buckets.refund(key);
                }
            }
        }

        /** RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers, -10 syntax), optionally the legacy trio. */
        Map<String, String> fields(long remaining, long resetSeconds, boolean legacy) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("RateLimit-Policy", policyField);
            h.put("RateLimit", "\"" + itemName + "\";r=" + remaining + ";t=" + resetSeconds);
            if (legacy) {
                h.put("X-RateLimit-Limit", Long.toString(policy.limits().get(0).requests()));
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
