package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.http.non-application-root-path=/} the exemption of the non-application endpoints would
 * be {@code /**}, every path: Sluice then exempts only the probes and the admin, and keeps judging the rest.
 */
class RootNonApplicationPathTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("quarkus.http.non-application-root-path", "/")
            .overrideConfigKey("sluice.admin.token", TOKEN);

    @Test
    void maintenanceStillRefusesTheApplicationWhileProbesAndTheAdminAnswer() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{}")
                .post("/maintenance").then().statusCode(200);
        try {
            RestAssured.get("/hello").then().statusCode(503);
            RestAssured.get("/health/ready").then().statusCode(200);
            RestAssured.get("/health/live").then().statusCode(200);
        } finally {
            RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/maintenance").then().statusCode(200);
        }
        RestAssured.get("/hello").then().statusCode(200);
    }
}
