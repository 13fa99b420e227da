package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** With no sluice.* properties every route answers as before; the admin says how to enable it. */
class DefaultsChangeNothingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest().withApplicationRoot(jar -> jar.addClasses(DemoResource.class));

    @Test
    void routesAnswerAsWithoutTheExtension() {
        RestAssured.get("/hello").then().statusCode(200).body(equalTo("hello"));
        RestAssured.get("/plain").then().statusCode(200).body(equalTo("plain hello"));
        RestAssured.get("/boom").then().statusCode(500);
        RestAssured.get("/q/health").then().statusCode(200);
    }

    @Test
    void theAdminIsDisabledAndSaysHow() {
        RestAssured.given().contentType("application/json").body("{}").post("/q/maintenance").then().statusCode(403).body(containsString("sluice.admin.token"));
        RestAssured.get("/hello").then().statusCode(200);
    }
}
