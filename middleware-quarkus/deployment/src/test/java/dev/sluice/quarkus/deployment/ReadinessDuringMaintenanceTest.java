package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sluice.health.ready-during-maintenance=false}, the name the Spring starter reads too, reports DOWN during FULL maintenance. */
class ReadinessDuringMaintenanceTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("sluice.admin.token", TOKEN)
            .overrideConfigKey("sluice.health.ready-during-maintenance", "false");

    @Test
    void readinessIsDownDuringFullMaintenanceAndLivenessUp() {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{}")
                .post("/q/maintenance").then().statusCode(200);
        try {
            RestAssured.get("/q/health/ready").then().statusCode(503);
            RestAssured.get("/q/health/live").then().statusCode(200);
        } finally {
            RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/q/maintenance").then().statusCode(200);
        }
    }
}
