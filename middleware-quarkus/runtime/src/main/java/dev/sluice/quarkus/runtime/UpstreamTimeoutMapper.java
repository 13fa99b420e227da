package dev.sluice.quarkus.runtime;

import dev.sluice.failure.UpstreamTimeoutException;
import jakarta.ws.rs.ext.Provider;

/** {@link dev.sluice.failure.UpstreamTimeoutException} → 504 on gateway routes. */
@Provider
public class UpstreamTimeoutMapper extends SluiceFailureMapper<UpstreamTimeoutException> {
}
