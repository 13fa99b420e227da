package dev.sluice.sample.quarkus;

import dev.sluice.client.faulttolerance.SluiceBackoff;
import dev.sluice.client.faulttolerance.SluiceResponseExceptionMapper;
import dev.sluice.client.faulttolerance.SluiceRetryWhen;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A Quarkus REST client of the sample, annotated as docs/client.md tells a user to: Quarkus's own retry
 * (SmallRye Fault Tolerance) on every method, timed and judged by Sluice. The annotations sit on the
 * interface, so they cover the POST too: what keeps it from being repeated is Sluice's rule, not their absence.
 */
@Path("/")
@RegisterRestClient(configKey = "sample")
@RegisterProvider(SluiceResponseExceptionMapper.class)
@RegisterProvider(AttemptCounter.class)
@Retry(maxRetries = 2)
@CustomBackoff(SluiceBackoff.class)
@RetryWhen(exception = SluiceRetryWhen.class)
public interface SampleClient {

    @GET
    @Path("hello")
    @Produces(MediaType.TEXT_PLAIN)
    String hello();

    @POST
    @Path("hello")
    @Produces(MediaType.TEXT_PLAIN)
    String post(String body);

    @POST
    @Path("hello")
    @Produces(MediaType.TEXT_PLAIN)
    String postWithKey(@HeaderParam("Idempotency-Key") String key, String body);
}
