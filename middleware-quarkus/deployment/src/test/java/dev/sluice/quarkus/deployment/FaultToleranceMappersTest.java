package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** SmallRye Fault Tolerance's refusals thrown by an endpoint end as 503 with Retry-After, not as 500. */
class FaultToleranceMappersTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Refusals.class))
            .overrideConfigKey("sluice.shedding.retry-after-min", "2s")
            .overrideConfigKey("sluice.shedding.retry-after-max", "2s");

    @Path("/")
    public static class Refusals {
        @GET
        @Path("open-breaker")
        public String openBreaker() {
            throw new CircuitBreakerOpenException("payments breaker is open");
        }

        @GET
        @Path("full-bulkhead")
        public String fullBulkhead() {
            throw new BulkheadException("bulkhead full");
        }
    }

    @Test
    void anOpenBreakerIs503DependencyUnavailableWithRetryAfter() {
        RestAssured.get("/open-breaker").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .header("Cache-Control", "no-store")
                .body("type", equalTo("https://sluice.dev/problems/dependency-unavailable"));
    }

    @Test
    void aFullBulkheadIs503OverloadWithTheConfiguredRetryAfter() {
        RestAssured.get("/full-bulkhead").then().statusCode(503)
                .header("Retry-After", "2")
                .body("type", equalTo("https://sluice.dev/problems/overload"));
    }
}
