package dev.sluice.spring.boot.mvc;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §7 with Spring Security: the configured role, else the bearer token; nobody else. */
@SpringBootTest(classes = {StockMvcApp.class, SecuredAdminTest.Security.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "server.address=127.0.0.1",
                "sluice.admin.token=secured-admin-token-0123456789"})
class SecuredAdminTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> admin(String method, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/maintenance"))
                .header("Content-Type", "application/json")
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
    void aUserWithTheRoleSwitchesMaintenance() throws Exception {
        HttpResponse<String> on = admin("POST", basic("ops", "ops-password"));

        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).contains("\"active\":true").contains("by ops");
        assertThat(admin("DELETE", basic("ops", "ops-password")).body()).contains("\"active\":false");
    }

    @Test
    void aUserWithoutTheRoleIs403AndChangesNothing() throws Exception {
        assertThat(admin("POST", basic("dev", "dev-password")).statusCode()).isEqualTo(403);
        assertThat(admin("GET", basic("dev", "dev-password")).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "Bearer secured-admin-token-0123456789").body()).contains("\"active\":false");
    }

    @Test
    void withoutCredentialsOrWithAWrongTokenIs401() throws Exception {
        assertThat(admin("POST", null).statusCode()).isEqualTo(401);
        assertThat(admin("POST", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
    }

    @Test
    void theBearerTokenStillWorks() throws Exception {
        assertThat(admin("GET", "Bearer secured-admin-token-0123456789").statusCode()).isEqualTo(200);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Security {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(c -> c.disable())
                    .build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ops").password("{noop}ops-password").roles("SLUICE_ADMIN").build(),
                    User.withUsername("dev").password("{noop}dev-password").roles("DEVELOPER").build());
        }
    }
}
