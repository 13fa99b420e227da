package dev.sluice.clientlimit;

import dev.sluice.MutableClock;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.TestRequest;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.IpRange;
import dev.sluice.internal.http.PathPatterns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientLimitGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ClientAddressResolver addresses = new ClientAddressResolver(List.of(IpRange.parse("127.0.0.1")));

    private ClientLimitGuard guard(Refill refill, ClientKeyType key, String limits, long maxKeys, boolean legacy) {
        return guard(refill, List.of(key), limits, maxKeys, legacy);
    }

    private ClientLimitGuard guard(Refill refill, List<ClientKeyType> keys, String limits, long maxKeys, boolean legacy) {
        ClientLimitPolicy policy = new ClientLimitPolicy("quota", PathPatterns.of(List.of("/quota/**")), Set.of(),
                Quota.parseAll(limits), refill, keys, null);
        return new ClientLimitGuard(new ClientLimitConfig(List.of(policy), maxKeys, Duration.ofHours(1), true, legacy,
                ClientLimitConfig.DEFAULT_IPV6_PREFIX), addresses, clock);
    }

    @Test
    void fiveRequestsPassThenTheSixthGets429WithRetryAfterUntilTheWindowResets() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "5/10s", 1000, false);
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");

        for (int i = 0; i < 5; i++) {
            ClientLimitGuard.Verdict v = guard.evaluate(r, r.path());
            assertThat(v.rejection()).as("request %d", i + 1).isNull();
            assertThat(v.headers()).containsEntry("RateLimit-Policy", "\"quota\";q=5;w=10")
                    .containsEntry("RateLimit", "\"quota\";r=" + (4 - i) + ";t=10");
        }
        clock.advance(Duration.ofMillis(2500));
        Rejection rejection = guard.evaluate(r, r.path()).rejection();

        assertThat(rejection.reason()).isEqualTo(RejectionReason.RATE_LIMITED);
        assertThat(rejection.status()).isEqualTo(429);
        assertThat(rejection.retryAfter().seconds()).isEqualTo(8); // 7.5 s rounded up
        assertThat(rejection.headers()).containsEntry("RateLimit", "\"quota\";r=0;t=8")
                .containsEntry("RateLimit-Policy", "\"quota\";q=5;w=10")
                .doesNotContainKey("X-RateLimit-Limit");
    }

    @Test
    void retryAfterIsNeverEarlierThanTheAnnouncedReset() {
        ClientLimitGuard guard = guard(Refill.GREEDY, ClientKeyType.IP, "5/10s", 1000, false);
        TestRequest r = TestRequest.get("/quota/x").from("192.0.2.1");
        for (int i = 0; i < 5; i++) {
            guard.evaluate(r, r.path());
        }
        Rejection rejection = guard.evaluate(r, r.path()).rejection();
        String t = rejection.headers().get("RateLimit").replaceAll(".*;t=", "");

        assertThat(rejection.retryAfter().seconds()).isEqualTo(2).isGreaterThanOrEqualTo(Long.parseLong(t));
    }

    @Test
    void quotaComesBackAfterTheWindow() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "5/10s", 1000, false);
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");
        for (int i = 0; i < 5; i++) {
            guard.evaluate(r, r.path());
        }
        assertThat(guard.evaluate(r, r.path()).rejection()).isNotNull();

        clock.advance(Duration.ofSeconds(10));

        assertThat(guard.evaluate(r, r.path()).rejection()).isNull();
    }

    @Test
    void anotherClientIsUnaffected() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.API_KEY_OR_IP, "1/10s", 1000, false);
        guard.evaluate(TestRequest.get("/quota").from("192.0.2.1").header("X-Api-Key", "alice"), "/quota");

        assertThat(guard.evaluate(TestRequest.get("/quota").from("192.0.2.1").header("X-Api-Key", "alice"), "/quota").rejection()).isNotNull();
        assertThat(guard.evaluate(TestRequest.get("/quota").from("192.0.2.1").header("X-Api-Key", "bob"), "/quota").rejection()).isNull();
        assertThat(guard.evaluate(TestRequest.get("/quota").from("192.0.2.1"), "/quota").rejection()).as("no key: keyed by address").isNull();
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotResetTheCount() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "1/10s", 1000, false);
        guard.evaluate(TestRequest.get("/quota").from("192.0.2.1"), "/quota");

        Rejection spoofed = guard.evaluate(TestRequest.get("/quota").from("192.0.2.1").header("X-Forwarded-For", "198.51.100.9"), "/quota").rejection();

        assertThat(spoofed).isNotNull();
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsTheKey() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "1/10s", 1000, false);
        guard.evaluate(TestRequest.get("/quota").from("127.0.0.1").header("X-Forwarded-For", "198.51.100.9"), "/quota");

        assertThat(guard.evaluate(TestRequest.get("/quota").from("127.0.0.1").header("X-Forwarded-For", "198.51.100.9"), "/quota").rejection()).isNotNull();
        assertThat(guard.evaluate(TestRequest.get("/quota").from("127.0.0.1").header("X-Forwarded-For", "198.51.100.10"), "/quota").rejection()).isNull();
    }

    @Test
    void routesOutsideThePolicyAreNotLimitedAndCarryNoFields() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "1/10s", 1000, false);

        for (int i = 0; i < 3; i++) {
            ClientLimitGuard.Verdict v = guard.evaluate(TestRequest.get("/hello").from("192.0.2.1"), "/hello");
            assertThat(v.rejection()).isNull();
            assertThat(v.headers()).isEmpty();
        }
    }

    @Test
    void legacyFieldsOnlyWhenConfigured() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "5/10s", 1000, true);

        assertThat(guard.evaluate(TestRequest.get("/quota").from("192.0.2.1"), "/quota").headers())
                .containsEntry("X-RateLimit-Limit", "5").containsEntry("X-RateLimit-Remaining", "4").containsEntry("X-RateLimit-Reset", "10");
    }

    @Test
    void severalBandwidthsAreAllEnforcedAndAllAnnounced() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "3/10s,4/1h", 1000, false);
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertThat(guard.evaluate(r, r.path()).rejection()).isNull();
        }
        assertThat(guard.evaluate(r, r.path()).rejection()).isNotNull();
        clock.advance(Duration.ofSeconds(10));
        assertThat(guard.evaluate(r, r.path()).rejection()).isNull();
        Rejection hourly = guard.evaluate(r, r.path()).rejection();

        assertThat(hourly).as("the hourly bandwidth is spent after 4").isNotNull();
        assertThat(hourly.retryAfter().seconds()).isGreaterThan(3000);
        assertThat(hourly.headers().get("RateLimit-Policy")).isEqualTo("\"quota-10s\";q=3;w=10, \"quota-3600s\";q=4;w=3600");
    }

    @Test
    void aMillionDistinctKeysCannotGrowTheCachePastItsBound() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.API_KEY, "5/10s", 10_000, false);
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");

        for (int i = 0; i < 1_000_000; i++) {
            guard.evaluate(r.header("X-Api-Key", "k" + i), "/quota");
        }

        assertThat(guard.bucketCount("quota")).isLessThanOrEqualTo(10_000);
    }

    @Test
    void aSteadyClientKeepsItsCountWhileAMillionOneShotKeysPass() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.API_KEY, "1000/1h", 10_000, false);
        TestRequest steady = TestRequest.get("/quota").header("X-Api-Key", "steady-client");
        TestRequest oneShot = TestRequest.get("/quota");

        for (int i = 0; i < 1_000_000; i++) {
            if (i % 2000 == 0) {
                guard.evaluate(steady, "/quota");
            }
            guard.evaluate(oneShot.header("X-Api-Key", "one-shot-" + i), "/quota");
        }

        assertThat(guard.evaluate(steady, "/quota").headers()).as("500 spent before, one now: an evicted bucket would start at 999")
                .containsEntry("RateLimit", "\"quota\";r=499;t=3600");
        assertThat(guard.bucketCount("quota")).isLessThanOrEqualTo(10_000);
    }

    @Test
    void keysAClientChoosesAreKeptAsFixedSizeHashesSoAFloodOfHugeKeysStaysSmall() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.API_KEY, "5/10s", ClientLimitConfig.DEFAULT_MAX_KEYS, false);
        TestRequest r = TestRequest.get("/quota");
        String filler = "x".repeat(HashedKey.MAX_LENGTH - 16);
        long before = usedHeapAfterGc();

        for (int i = 0; i < 200_000; i++) { // 100,000 of them stay: as raw strings, 25 MB of keys alone
            guard.evaluate(r.header("X-Api-Key", filler + String.format("%016d", i)), "/quota");
        }

        long grown = usedHeapAfterGc() - before;
        assertThat(guard.bucketCount("quota")).isLessThanOrEqualTo(ClientLimitConfig.DEFAULT_MAX_KEYS);
        // About 420 B a client (bucket, cache entry, hashed key), measured; as raw keys of this length they would
        // hold about 300 B more each. docs/security.md states the bound.
        assertThat(grown).as("heap held by 100,000 buckets with their keys").isLessThan(ClientLimitConfig.DEFAULT_MAX_KEYS * 550L);
    }

    private static long usedHeapAfterGc() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) { // the smallest of a few readings: a collection may still be finishing
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void aPolicyKeyedByApiKeyAndAddressStopsAClientThatSendsAFreshKeyEachTime() {
        ClientLimitGuard byKeyOnly = guard(Refill.INTERVAL, ClientKeyType.API_KEY, "5/10s", 1000, false);
        ClientLimitGuard byKeyAndAddress = guard(Refill.INTERVAL, List.of(ClientKeyType.API_KEY, ClientKeyType.IP), "5/10s", 1000, false);
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");

        for (int i = 0; i < 5; i++) {
            assertThat(byKeyAndAddress.evaluate(r.header("X-Api-Key", "fresh-" + i), "/quota").rejection()).isNull();
            assertThat(byKeyOnly.evaluate(r.header("X-Api-Key", "fresh-" + i), "/quota").rejection()).isNull();
        }

        assertThat(byKeyOnly.evaluate(r.header("X-Api-Key", "fresh-5"), "/quota").rejection()).as("a new label: a new bucket").isNull();
        assertThat(byKeyAndAddress.evaluate(r.header("X-Api-Key", "fresh-5"), "/quota").rejection()).as("the address is spent").isNotNull();
        assertThat(byKeyAndAddress.evaluate(TestRequest.get("/quota").from("192.0.2.2").header("X-Api-Key", "fresh-0"), "/quota").rejection())
                .as("the refused request gave its key token back: fresh-0 has 4 left").isNull();
    }

    @Test
    void anOverlongApiKeyIsNoKeyAndTheAddressCounts() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.API_KEY_OR_IP, "1/10s", 1000, false);
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");

        assertThat(guard.evaluate(r.header("X-Api-Key", "k".repeat(HashedKey.MAX_LENGTH + 1)), "/quota").rejection()).isNull();
        assertThat(guard.evaluate(r.header("X-Api-Key", "x".repeat(HashedKey.MAX_LENGTH + 1)), "/quota").rejection())
                .as("both keyed by 192.0.2.1").isNotNull();
    }

    @Test
    void aBucketIsKeptAtLeastItsLongestWindowWhateverTheIdleExpiry() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "2/1d", 1000, false); // expire-after-idle is 1 h
        TestRequest r = TestRequest.get("/quota").from("192.0.2.1");
        guard.evaluate(r, "/quota");
        guard.evaluate(r, "/quota");

        clock.advance(Duration.ofHours(2));

        assertThat(guard.evaluate(r, "/quota").rejection()).as("an hour of silence does not refill a daily quota").isNotNull();
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        ClientLimitGuard guard = guard(Refill.INTERVAL, ClientKeyType.IP, "1/10s", 1000, false);

        assertThat(guard.evaluate(TestRequest.get("/quota").from("2001:db8:1:2::1"), "/quota").rejection()).isNull();
        assertThat(guard.evaluate(TestRequest.get("/quota").from("2001:db8:1:2:ffff::9"), "/quota").rejection())
                .as("another address of the same /64").isNotNull();
        assertThat(guard.evaluate(TestRequest.get("/quota").from("2001:db8:1:3::1"), "/quota").rejection())
                .as("another /64").isNull();
    }

    @Test
    void limitsTextIsValidated() {
        assertThat(Quota.parseAll("5/10s, 100/1h")).containsExactly(new Quota(5, Duration.ofSeconds(10)), new Quota(100, Duration.ofHours(1)));
        assertThatThrownBy(() -> Quota.parseAll("five per minute")).hasMessageContaining("5/10s");
        assertThatThrownBy(() -> Quota.parseAll("0/10s")).hasMessageContaining("at least 1");
    }
}
