package dev.sluice.spring.boot.mvc;

import dev.sluice.contract.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with Spring Data Redis and {@code sluice.maintenance.store=redis} but no {@code sluice.redis.uri}:
 * Sluice's store uses the application's own Redis ({@code spring.data.redis.*}) and the namespace
 * {@code sluice:<spring.application.name>}, and the admin state and health say the store is connected.
 */
@SpringBootTest(classes = StockMvcApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "server.address=127.0.0.1", "spring.application.name=orders",
                "sluice.maintenance.store=redis", "sluice.client-limits.store=redis",
                "sluice.client-limits.policies.greeting.routes=/greeting", "sluice.client-limits.policies.greeting.limits=100/1m",
                "sluice.admin.token=application-redis-token-0123456789",
                "management.endpoint.health.show-details=always",
                "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
class ApplicationRedisTest {

    private static final RedisServer REDIS = RedisServer.start();

    @DynamicPropertySource
    static void applicationRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("sluice.redis.state-file", () -> System.getProperty("java.io.tmpdir") + "/sluice-application-redis-test.json");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer application-redis-token-0123456789").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStoreIsOnTheApplicationsRedisUnderTheApplicationsName() throws Exception {
        HttpResponse<String> on = send("POST", "/actuator/maintenance", "{\"message\":\"shared\"}");
        try {
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
            assertThat(on.body()).contains("\"store\":\"redis\"").contains("\"storeStatus\":{\"type\":\"redis\",\"connected\":true");
            assertThat(REDIS.command("EXISTS", "sluice:orders:maintenance")).isEqualTo(":1");
        } finally {
            send("DELETE", "/actuator/maintenance", null);
        }
        assertThat(send("GET", "/greeting", null).statusCode()).isEqualTo(200);
        assertThat(REDIS.command("KEYS", "sluice:orders:limit:greeting:ip:*")).isEqualTo("*1");
        String health = send("GET", "/actuator/health", null).body();
        assertThat(health).contains("\"store\":{\"type\":\"redis\",\"connected\":true");
    }
}
