package dev.sluice.quarkus.runtime;

import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** SmallRye Fault Tolerance's open breaker → 503 {@code dependency-unavailable} (registered when the library is present). */
@Provider
public class CircuitBreakerOpenMapper extends SluiceFailureMapper<CircuitBreakerOpenException> {
}
