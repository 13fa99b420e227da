package dev.sluice.dependency;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resilience4j breakers from a {@link CircuitBreakerRegistry}. Resilience4j keeps the remaining open time
 * private, so this tracks it from the breakers' own state-transition events: the instant a breaker opened
 * plus its wait interval function applied to the attempt number (the attempt grows with every
 * HALF_OPEN → OPEN and starts again at CLOSED), the same inputs the breaker uses. For a randomized wait
 * function the figure is an estimate drawn the same way.
 */
public final class Resilience4jBreakers implements DependencyBreakers {

    private final CircuitBreakerRegistry registry;
    private final Clock clock;
    private final Map<String, Opening> openings = new ConcurrentHashMap<>();
    private final Map<String, Boolean> watched = new ConcurrentHashMap<>();

    private record Opening(Instant at, Duration openFor, int attempt) {
    }

    public Resilience4jBreakers(CircuitBreakerRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        registry.getAllCircuitBreakers().forEach(this::watch);
        registry.getEventPublisher().onEntryAdded(e -> watch(e.getAddedEntry()));
    }

    private void watch(CircuitBreaker breaker) {
        if (watched.putIfAbsent(breaker.getName(), Boolean.TRUE) == null) {
            breaker.getEventPublisher().onStateTransition(this::transitioned);
            if (breaker.getState() == CircuitBreaker.State.OPEN) {
                // Opened before Sluice watched it: count the full wait from now (a safe upper bound).
                openings.put(breaker.getName(), new Opening(clock.instant(), waitFor(breaker, 1), 1));
            }
        }
    }

    private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
        String name = event.getCircuitBreakerName();
        CircuitBreaker.State to = event.getStateTransition().getToState();
        CircuitBreaker.State from = event.getStateTransition().getFromState();
        if (to == CircuitBreaker.State.OPEN) {
            Opening previous = openings.get(name);
            int attempt = from == CircuitBreaker.State.HALF_OPEN && previous != null ? previous.attempt() + 1 : 1;
            registry.find(name).ifPresent(b -> openings.put(name, new Opening(clock.instant(), waitFor(b, attempt), attempt)));
        } else if (to == CircuitBreaker.State.CLOSED || to == CircuitBreaker.State.DISABLED || to == CircuitBreaker.State.METRICS_ONLY) {
            openings.remove(name);
        }
    }

    private static Duration waitFor(CircuitBreaker breaker, int attempt) {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(attempt));
    }

    @Override
    public BreakerStatus status(String name, Instant now) {
        Optional<CircuitBreaker> found = registry.find(name);
        if (found.isEmpty()) {
            return BreakerStatus.UNKNOWN;
        }
        CircuitBreaker breaker = found.get();
        watch(breaker);
        return switch (breaker.getState()) {
            case OPEN -> {
                Opening o = openings.get(name);
                yield new BreakerStatus(BreakerStatus.State.OPEN,
                        o == null ? waitFor(breaker, 1) : Duration.between(now, o.at().plus(o.openFor())));
            }
            case FORCED_OPEN -> new BreakerStatus(BreakerStatus.State.FORCED_OPEN, null);
            case HALF_OPEN -> new BreakerStatus(BreakerStatus.State.HALF_OPEN, null);
            case DISABLED -> new BreakerStatus(BreakerStatus.State.DISABLED, null);
            case CLOSED, METRICS_ONLY -> new BreakerStatus(BreakerStatus.State.CLOSED, null);
        };
    }

    @Override
    public void override(String name, BreakerOverride override) {
        CircuitBreaker breaker = registry.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no circuit breaker named '" + name + "'"));
        switch (override) {
            case OPEN -> breaker.transitionToForcedOpenState();
            case CLOSED -> breaker.transitionToDisabledState();
            case NONE -> breaker.reset();
        }
    }

    @Override
    public Collection<String> names() {
        return registry.getAllCircuitBreakers().stream().map(CircuitBreaker::getName).sorted().toList();
    }
}
