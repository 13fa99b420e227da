package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Maintenance refuses REST (blocking and Uni) and plain Vert.x routes alike; /q/** stays exempt. */
class MaintenanceOnEveryRouteTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("sluice.admin.token", TOKEN)
            .overrideConfigKey("sluice.gateway.routes", "/gateway/**");

    @AfterEach
    void off() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/q/maintenance").then().statusCode(200);
    }

    @Test
    void everyKindOfRouteAnswers503DuringMaintenance() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{\"retryAfter\":\"PT2M\",\"message\":\"Upgrading\"}").post("/q/maintenance").then().statusCode(200).body(containsString("\"active\":true"));

        for (String path : new String[] {"/hello", "/uni", "/plain"}) {
            RestAssured.given().accept("application/json").get(path).then()
                    .statusCode(503)
                    .header("Retry-After", "120")
                    .header("Cache-Control", "no-store")
                    .header("Content-Type", "application/problem+json")
                    .body("type", equalTo("https://sluice.dev/problems/maintenance"))
                    .body("detail", equalTo("Upgrading"))
                    .body("instance", equalTo(path));
        }
        RestAssured.get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void everyKindOfRouteIsServedWhenMaintenanceIsOff() {
        RestAssured.get("/hello").then().statusCode(200).body(equalTo("hello"));
        RestAssured.get("/uni").then().statusCode(200).body(equalTo("uni hello"));
        RestAssured.get("/plain").then().statusCode(200).body(equalTo("plain hello"));
    }

    @Test
    void gatewayFailuresAre502And504OnlyOnGatewayRoutesAndABugStays500() {
        RestAssured.get("/gateway").then().statusCode(502).header("Cache-Control", "no-store")
                .header("Retry-After", nullValue()).body("type", equalTo("https://sluice.dev/problems/bad-gateway"));
        RestAssured.get("/gateway-timeout").then().statusCode(500); // not a gateway route: the app's own failure
        RestAssured.get("/boom").then().statusCode(500);
    }

    @Test
    void theAdminNeedsTheToken() {
        RestAssured.given().contentType("application/json").body("{}").post("/q/maintenance").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        RestAssured.given().header("Authorization", "Bearer wrong-token-0123456789").get("/q/maintenance").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{\"mode\":\"SOMETIMES\"}").post("/q/maintenance")
                .then().statusCode(400).body("field", equalTo("mode"));
        RestAssured.get("/hello").then().statusCode(200);
    }
}
