package dev.sluice.spring.boot.mvc;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy keyed by the principal sees Spring Security's user: with such a policy Sluice's filter runs after
 * Spring Security's chain, so two users behind one address have a quota each.
 */
@SpringBootTest(classes = {StockMvcApp.class, SecuredAdminTest.Security.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "server.address=127.0.0.1",
                "sluice.client-limits.policies.per-user.routes=/greeting",
                "sluice.client-limits.policies.per-user.limits=2/1m",
                "sluice.client-limits.policies.per-user.key=principal"})
class PrincipalLimitMvcTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private int greeting(String user, String password) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greeting")).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void eachAuthenticatedUserHasAQuotaOfTheirOwn() throws Exception {
        assertThat(greeting("ops", "ops-password")).isEqualTo(200);
        assertThat(greeting("ops", "ops-password")).isEqualTo(200);
        assertThat(greeting("ops", "ops-password")).as("ops's third within a minute").isEqualTo(429);

        assertThat(greeting("dev", "dev-password")).as("another user from the same address").isEqualTo(200);
    }
}
