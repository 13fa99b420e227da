package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static org.hamcrest.Matchers.containsString;

/** With the management interface enabled, the admin is served there and not on the main port. */
class ManagementInterfaceTest {

    private static final String TOKEN = "extension-test-token-0123456789";
    private static final int MANAGEMENT_PORT = freePort();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.host", "127.0.0.1")
            .overrideConfigKey("quarkus.management.test-port", Integer.toString(MANAGEMENT_PORT))
            .overrideConfigKey("sluice.admin.token", TOKEN);

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theAdminIsOnTheManagementInterface() {
        // The test runs in Quarkus's class loader, where this class's statics are initialised anew: read the
        // port the application was configured with instead.
        int managementPort = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        RestAssured.given().baseUri("http://127.0.0.1").port(managementPort).header("Authorization", "Bearer " + TOKEN)
                .contentType("application/json").body("{\"message\":\"via management\"}").post("/q/maintenance")
                .then().statusCode(200).body(containsString("via management"));
        RestAssured.get("/hello").then().statusCode(503);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).get("/q/maintenance").then().statusCode(404);
        RestAssured.given().baseUri("http://127.0.0.1").port(managementPort).header("Authorization", "Bearer " + TOKEN)
                .delete("/q/maintenance").then().statusCode(200);
        RestAssured.get("/hello").then().statusCode(200);
    }
}
