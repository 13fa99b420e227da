package dev.sluice.quarkus.runtime;

import dev.sluice.failure.UpstreamResponseException;
import jakarta.ws.rs.ext.Provider;

/** {@link UpstreamResponseException} → 502 on gateway routes. */
@Provider
public class UpstreamResponseMapper extends SluiceFailureMapper<UpstreamResponseException> {
}
