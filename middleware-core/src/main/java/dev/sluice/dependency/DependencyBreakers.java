package dev.sluice.dependency;

import java.time.Instant;
import java.util.Collection;

/**
 * The circuit breakers Sluice watches. Implementations: {@link Resilience4jBreakers}; the Quarkus extension
 * adds SmallRye Fault Tolerance's.
 */
public interface DependencyBreakers {

    /** Status of the named breaker at {@code now}; {@link BreakerStatus#UNKNOWN} for a name it does not know. */
    BreakerStatus status(String breaker, Instant now);

    /** Forces the named breaker open or closed, or back to normal. */
    void override(String breaker, BreakerOverride override);

    /** Names of the breakers it knows. */
    Collection<String> names();
}
