package dev.sluice.internal.dependency;

import dev.sluice.MutableClock;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.TestRequest;
import dev.sluice.dependency.BreakerOverride;
import dev.sluice.dependency.Dependency;
import dev.sluice.dependency.Resilience4jBreakers;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.internal.failure.FailureClassifier;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.http.PathPatterns;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30)).build());
    private final Resilience4jBreakers breakers = new Resilience4jBreakers(registry, clock);
    private final DependencyGuard guard = new DependencyGuard(
            List.of(new Dependency("payments", PathPatterns.of(List.of("/payments/**")), Set.of(), null, Duration.ofSeconds(45))),
            breakers, clock);

    private static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("payments down"));
        }
    }

    @Test
    void anOpenBreakerRefusesItsRoutesWithRetryAfterCountingDownToHalfOpen() {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        fail(breaker, 2);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Rejection first = guard.check(get("/payments"), "/payments");
        assertThat(first.reason()).isEqualTo(RejectionReason.DEPENDENCY_UNAVAILABLE);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.retryAfter().seconds()).isEqualTo(30);
        assertThat(first.detail()).doesNotContain("payments");

        clock.advance(Duration.ofMillis(12_400));
        assertThat(guard.check(get("/payments/42"), "/payments/42").retryAfter().seconds()).isEqualTo(18);
    }

    @Test
    void routesThatDoNotNeedTheDependencyAreNeverRefused() {
        fail(registry.circuitBreaker("payments"), 2);

        assertThat(guard.check(get("/hello"), "/hello")).isNull();
    }

    @Test
    void onceTheOpenWaitHasRunOutATrialCallPassesAndHalfOpenProbesPass() {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        fail(breaker, 2);

        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.check(get("/payments"), "/payments")).as("the call that moves the breaker to HALF_OPEN").isNull();

        breaker.transitionToHalfOpenState();
        assertThat(guard.check(get("/payments"), "/payments")).isNull();
    }

    @Test
    void aForcedOpenBreakerUsesTheConfiguredEstimate() {
        registry.circuitBreaker("payments");
        breakers.override("payments", BreakerOverride.OPEN);

        assertThat(guard.check(get("/payments"), "/payments").retryAfter().seconds()).isEqualTo(45);

        breakers.override("payments", BreakerOverride.NONE);
        assertThat(guard.check(get("/payments"), "/payments")).isNull();
    }

    @Test
    void anExponentialWaitGrowsWithEveryFailedTrial() {
        CircuitBreaker breaker = registry.circuitBreaker("payments", CircuitBreakerConfig.custom()
                .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50).permittedNumberOfCallsInHalfOpenState(1)
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(10), 2)).build());
        fail(breaker, 2);
        assertThat(guard.check(get("/payments"), "/payments").retryAfter().seconds()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(10));
        breaker.transitionToHalfOpenState();
        fail(breaker, 1);

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guard.check(get("/payments"), "/payments").retryAfter().seconds()).isEqualTo(20);
    }

    @Test
    void callNotPermittedThrownByTheAppGetsTheSameRetryAfterAsTheGuard() {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        fail(breaker, 2);
        clock.advance(Duration.ofSeconds(5));
        FailureClassifier classifier = new FailureClassifier(PathPatterns.none(), guard, JitteredRetryAfter.defaults(), clock);

        Rejection r = classifier.classify(new RuntimeException("wrapped", CallNotPermittedException.createCallNotPermittedException(breaker)),
                get("/payments")).orElseThrow();

        assertThat(r.reason()).isEqualTo(RejectionReason.DEPENDENCY_UNAVAILABLE);
        assertThat(r.retryAfter().seconds()).isEqualTo(25);
    }

    @Test
    void aFullBulkheadIsOverloadWithJitteredRetryAfter() {
        FailureClassifier classifier = new FailureClassifier(PathPatterns.none(), guard,
                new JitteredRetryAfter(Duration.ofSeconds(1), Duration.ofSeconds(5)), clock);
        BulkheadFullException full = BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("b"));

        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Rejection r = classifier.classify(full, get("/work")).orElseThrow();
            assertThat(r.reason()).isEqualTo(RejectionReason.OVERLOAD);
            seen.add(r.retryAfter().seconds());
        }
        assertThat(seen).as("never one value for everyone").hasSizeGreaterThan(1).allMatch(s -> s >= 1 && s <= 5);
    }

    @Test
    void upstreamFailuresAreGatewayAnswersOnlyOnGatewayRoutes() {
        FailureClassifier classifier = new FailureClassifier(PathPatterns.of(List.of("/proxy")), guard, JitteredRetryAfter.defaults(), clock);
        UpstreamResponseException bad = new UpstreamResponseException("garbage");

        assertThat(classifier.classify(bad, get("/proxy")).orElseThrow().status()).isEqualTo(502);
        assertThat(classifier.classify(bad, get("/orders"))).as("not a gateway route: stays the app's 500").isEmpty();
        assertThat(classifier.classify(new IllegalStateException("bug"), get("/proxy"))).isEmpty();
    }

    private static TestRequest get(String path) {
        return TestRequest.get(path);
    }
}
