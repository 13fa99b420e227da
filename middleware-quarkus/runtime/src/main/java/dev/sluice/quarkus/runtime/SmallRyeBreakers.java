package dev.sluice.quarkus.runtime;

import dev.sluice.dependency.BreakerOverride;
import dev.sluice.dependency.BreakerStatus;
import dev.sluice.dependency.Dependency;
import dev.sluice.dependency.DependencyBreakers;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SmallRye Fault Tolerance breakers named with {@code @CircuitBreakerName}, read through
 * {@link CircuitBreakerMaintenance}. SmallRye does not expose a breaker's delay, so the time a breaker
 * stays open is the dependency's {@code forced-open-retry-after} (set it to the breaker's {@code delay});
 * Retry-After counts down from the moment the breaker opened. SmallRye cannot force a breaker, so
 * overrides are kept here: forced open refuses the dependency's routes, forced closed lets them through.
 */
final class SmallRyeBreakers implements DependencyBreakers {

    private final CircuitBreakerMaintenance maintenance;
    private final Clock clock;
    private final Map<String, Duration> openFor = new ConcurrentHashMap<>();
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final Map<String, BreakerOverride> overrides = new ConcurrentHashMap<>();

    SmallRyeBreakers(CircuitBreakerMaintenance maintenance, List<Dependency> dependencies, Clock clock) {
        this.maintenance = maintenance;
        this.clock = clock;
        for (Dependency d : dependencies) {
            openFor.put(d.breaker(), d.forcedOpenRetryAfter());
            try {
                maintenance.onStateChange(d.breaker(), state -> {
                    if (state == CircuitBreakerState.OPEN) {
                        openedAt.put(d.breaker(), clock.instant());
                    } else if (state == CircuitBreakerState.CLOSED) {
                        openedAt.remove(d.breaker());
                    }
                });
            } catch (RuntimeException e) {
                // not a SmallRye breaker name (no @CircuitBreakerName of that name): status() reports UNKNOWN
            }
        }
    }

    @Override
    public BreakerStatus status(String breaker, Instant now) {
        BreakerOverride override = overrides.get(breaker);
        if (override == BreakerOverride.OPEN) {
            return new BreakerStatus(BreakerStatus.State.FORCED_OPEN, null);
        }
        if (override == BreakerOverride.CLOSED) {
            return new BreakerStatus(BreakerStatus.State.DISABLED, null);
        }
        CircuitBreakerState state;
        try {
            state = maintenance.currentState(breaker);
        } catch (RuntimeException e) {
            return BreakerStatus.UNKNOWN;
        }
        return switch (state) {
            case CLOSED -> new BreakerStatus(BreakerStatus.State.CLOSED, null);
            case HALF_OPEN -> new BreakerStatus(BreakerStatus.State.HALF_OPEN, null);
            case OPEN -> {
                Duration open = openFor.getOrDefault(breaker, Dependency.DEFAULT_FORCED_OPEN_RETRY_AFTER);
                Instant since = openedAt.computeIfAbsent(breaker, b -> clock.instant());
                yield new BreakerStatus(BreakerStatus.State.OPEN, Duration.between(now, since.plus(open)));
            }
        };
    }

    @Override
    public void override(String breaker, BreakerOverride override) {
        if (override == BreakerOverride.NONE) {
            overrides.remove(breaker);
        } else {
            overrides.put(breaker, override);
        }
    }

    @Override
    public Collection<String> names() {
        return Set.copyOf(openFor.keySet());
    }
}
