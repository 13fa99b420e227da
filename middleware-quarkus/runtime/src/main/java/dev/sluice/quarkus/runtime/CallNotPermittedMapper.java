package dev.sluice.quarkus.runtime;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import jakarta.ws.rs.ext.Provider;

/** Resilience4j's "call not permitted" → 503 with Retry-After from the breaker (registered when Resilience4j is present). */
@Provider
public class CallNotPermittedMapper extends SluiceFailureMapper<CallNotPermittedException> {
}
