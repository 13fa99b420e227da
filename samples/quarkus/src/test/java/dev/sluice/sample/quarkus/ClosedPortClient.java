package dev.sluice.sample.quarkus;

import dev.sluice.client.faulttolerance.SluiceBackoff;
import dev.sluice.client.faulttolerance.SluiceResponseExceptionMapper;
import dev.sluice.client.faulttolerance.SluiceRetryWhen;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A REST client of a port nothing listens on: every attempt is a refused connection, which carried no request. */
@Path("/")
@RegisterRestClient(configKey = "closed")
@RegisterProvider(SluiceResponseExceptionMapper.class)
@RegisterProvider(AttemptCounter.class)
@Retry(maxRetries = 2)
@CustomBackoff(SluiceBackoff.class)
@RetryWhen(exception = SluiceRetryWhen.class)
public interface ClosedPortClient {

    @POST
    @Path("orders")
    String order(String body);
}
