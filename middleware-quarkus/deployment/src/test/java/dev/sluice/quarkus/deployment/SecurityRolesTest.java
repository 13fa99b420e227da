package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** CONTRACT §7 with Quarkus security: the admin role, else the bearer token; nobody else. */
class SecurityRolesTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.ops", "ops-password")
            .overrideConfigKey("quarkus.security.users.embedded.roles.ops", "SLUICE_ADMIN")
            .overrideConfigKey("quarkus.security.users.embedded.users.dev", "dev-password")
            .overrideConfigKey("quarkus.security.users.embedded.roles.dev", "DEVELOPER")
            .overrideConfigKey("sluice.admin.token", TOKEN);

    @Test
    void aUserWithTheRoleSwitchesMaintenance() {
        RestAssured.given().auth().preemptive().basic("ops", "ops-password").contentType("application/json").body("{\"message\":\"by ops\"}").post("/q/maintenance")
                .then().statusCode(200).body(containsString("by ops"));
        RestAssured.given().auth().preemptive().basic("ops", "ops-password").delete("/q/maintenance")
                .then().statusCode(200).body(containsString("\"active\":false"));
    }

    @Test
    void aUserWithoutTheRoleIs403AndAnonymousIs401() {
        RestAssured.given().auth().preemptive().basic("dev", "dev-password").contentType("application/json").body("{}").post("/q/maintenance").then().statusCode(403);
        RestAssured.given().contentType("application/json").body("{}").post("/q/maintenance").then().statusCode(401);
        RestAssured.get("/hello").then().statusCode(200);
    }

    @Test
    void readinessDetailsAreShownOnlyToTheAdminRole() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body("{\"message\":\"Secret plans\"}").post("/q/maintenance").then().statusCode(200);
        try {
            RestAssured.get("/q/health/ready").then().statusCode(200)
                    .body(not(containsString("Secret plans"))).body(not(containsString("maintenance")));
            RestAssured.given().auth().preemptive().basic("dev", "dev-password").get("/q/health/ready").then().statusCode(200)
                    .body(not(containsString("Secret plans")));
            RestAssured.given().auth().preemptive().basic("ops", "ops-password").get("/q/health/ready").then().statusCode(200)
                    .body(containsString("Secret plans"));
        } finally {
            RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/q/maintenance").then().statusCode(200);
        }
    }

    @Test
    void theBearerTokenStillWorks() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).get("/q/maintenance").then().statusCode(200);
    }
}
