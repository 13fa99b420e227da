package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A route that needs a dependency watched by a SmallRye Fault Tolerance breaker gets 503 while it is open. */
class SmallRyeDependencyTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Payments.class, PaymentsResource.class))
            .overrideConfigKey("sluice.dependencies.payments.routes", "/payments/**")
            .overrideConfigKey("sluice.dependencies.payments.forced-open-retry-after", "30s")
            .overrideConfigKey("sluice.admin.token", TOKEN);

    @ApplicationScoped
    public static class Payments {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 0.5, delay = 30_000)
        @CircuitBreakerName("payments")
        public String charge(boolean fail) {
            if (fail) {
                throw new IllegalStateException("payments service failed");
            }
            return "payment accepted";
        }
    }

    @Path("/")
    public static class PaymentsResource {
        @Inject
        Payments payments;

        @GET
        @Path("payments/fail")
        public String fail() {
            return payments.charge(true);
        }

        @GET
        @Path("hello")
        public String hello() {
            return "hello";
        }
    }

    @Test
    void anOpenSmallRyeBreakerRefusesItsRoutesWithRetryAfterAndLeavesOthersAlone() {
        RestAssured.get("/payments/fail").then().statusCode(500);
        RestAssured.get("/payments/fail").then().statusCode(500);

        String retryAfter = RestAssured.get("/payments/fail").then().statusCode(503)
                .body("type", equalTo("https://sluice.dev/problems/dependency-unavailable"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 30L);
        RestAssured.get("/hello").then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).get("/q/maintenance").then().statusCode(200)
                .body("dependencies[0].state", equalTo("OPEN"));
    }
}
