package dev.sluice.quarkus.runtime;

import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/** SmallRye Fault Tolerance's full bulkhead → 503 {@code overload} with a jittered Retry-After (registered when present). */
@Provider
public class BulkheadMapper extends SluiceFailureMapper<BulkheadException> {
}
