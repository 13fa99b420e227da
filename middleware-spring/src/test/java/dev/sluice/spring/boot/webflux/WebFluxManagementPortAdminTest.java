package dev.sluice.spring.boot.webflux;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** WebFlux with {@code management.server.port} set: the admin is on the management port only. */
@SpringBootTest(classes = WebFluxDemoApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "server.address=127.0.0.1", "management.server.port=0",
                "management.server.address=127.0.0.1", "sluice.admin.token=webflux-management-token-0123456789",
                "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration,"
                        // Tomcat is on this module's test class path for the MVC tests; the reactive server here is Netty.
                        + "org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration"})
class WebFluxManagementPortAdminTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> admin(int onPort, String method, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + "/actuator/maintenance"))
                .header("Authorization", "Bearer webflux-management-token-0123456789").header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdminIsOnTheManagementPortAndNotOnTheMainPort() throws Exception {
        assertThat(admin(port, "POST", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> on = admin(managementPort, "POST", "{}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        try {
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(503);
        } finally {
            assertThat(admin(managementPort, "DELETE", null).body()).contains("\"active\":false");
        }
    }
}
