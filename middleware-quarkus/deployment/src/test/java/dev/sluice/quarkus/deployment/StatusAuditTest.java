package dev.sluice.quarkus.deployment;

import dev.sluice.Sluice;
import dev.sluice.internal.failure.StatusAudit;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The status audit on Quarkus: the app's own answers are audited, Sluice's own 502 is not. */
class StatusAuditTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class, Busy.class))
            .overrideConfigKey("sluice.gateway.routes", "/gateway/**")
            .overrideConfigKey("sluice.audit.add-missing-retry-after", "true")
            .overrideConfigKey("sluice.shedding.retry-after-min", "7s")
            .overrideConfigKey("sluice.shedding.retry-after-max", "7s");

    @Path("/")
    public static class Busy {
        @GET
        @Path("busy")
        public Response busy() {
            return Response.status(503).entity("busy").build();
        }

        @GET
        @Path("own-gateway-status")
        public Response ownGatewayStatus() {
            return Response.status(502).build();
        }
    }

    @Test
    void theAppsOwnMisleadingStatusesAreAuditedAndSluicesGatewayAnswerIsNot() {
        RestAssured.get("/busy").then().statusCode(503).header("Retry-After", "7");
        RestAssured.get("/own-gateway-status").then().statusCode(502);
        RestAssured.get("/gateway").then().statusCode(502);

        StatusAudit audit = Arc.container().instance(Sluice.class).get().audit();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(audit.findings())
                .containsEntry(StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER, 1L)
                .containsEntry(StatusAudit.Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, 1L));
        assertThat(audit.statuses()).containsEntry(502, 1L);
    }
}
