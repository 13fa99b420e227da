package dev.sluice.sample.jetty;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.time.Duration;

/**
 * A fake "payments" service the demo calls through a Resilience4j breaker named {@code payments}
 * (CONTRACT §8): it opens after at most 10 consecutive failures and stays open 30 s. Made to fail or
 * recover with {@code POST /demo/dependencies/payments?healthy=false|true}.
 */
final class PaymentsDependency {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(10)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30))
            .permittedNumberOfCallsInHalfOpenState(1)
            .build());
    private final CircuitBreaker breaker = registry.circuitBreaker("payments");
    private volatile boolean healthy = true;

    CircuitBreakerRegistry breakers() {
        return registry;
    }

    void healthy(boolean healthy) {
        this.healthy = healthy;
    }

    /** Calls the fake service through the breaker; throws while it is unhealthy (the app then answers 500). */
    String charge() {
        return breaker.executeSupplier(() -> {
            if (!healthy) {
                throw new IllegalStateException("payments service failed");
            }
            return "payment accepted";
        });
    }
}
