package dev.sluice.spring.boot.mvc;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code management.server.port} set, the admin is served on the management port, beside the actuator, with the
 * same security (the role through Spring Security, else the token), and not on the public main port.
 */
@SpringBootTest(classes = {StockMvcApp.class, SecuredAdminTest.Security.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "server.address=127.0.0.1", "management.server.port=0",
                "management.server.address=127.0.0.1", "sluice.admin.token=management-admin-token-0123456789"})
class ManagementPortAdminTest {

    private static final String TOKEN = "Bearer management-admin-token-0123456789";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> admin(int onPort, String method, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + "/actuator/maintenance"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{\"message\":\"by ops\"}") : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAdminAnswersOnTheManagementPortWithTheSameSecurity() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(admin(managementPort, "GET", TOKEN).statusCode()).isEqualTo(200);
        assertThat(admin(managementPort, "POST", null).statusCode()).isEqualTo(401);
        assertThat(admin(managementPort, "POST", basic("dev", "dev-password")).statusCode()).isEqualTo(403);

        HttpResponse<String> on = admin(managementPort, "POST", basic("ops", "ops-password"));
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(on.body()).contains("\"active\":true");
        HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greeting")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hello.statusCode()).as("the switch took effect on the main port").isEqualTo(503);
        assertThat(admin(managementPort, "DELETE", TOKEN).body()).contains("\"active\":false");
    }

    @Test
    void theMainPortServesNoAdmin() throws Exception {
        HttpResponse<String> main = admin(port, "POST", TOKEN);

        assertThat(main.statusCode()).isEqualTo(404);
        assertThat(admin(managementPort, "GET", TOKEN).body()).contains("\"active\":false");
    }
}
