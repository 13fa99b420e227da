package dev.sluice.spring.boot.mvc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stock app with the starter and no {@code sluice.*} properties answers exactly as without it, probes
 * included; the only new answer is the admin path, which says (403) how to enable it.
 */
class StarterChangesNothingTest {

    private static final String SECURITY_OFF = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";
    private static final String SLUICE_OFF = ",dev.sluice.spring.boot.autoconfigure.SluiceAutoConfiguration,"
            + "dev.sluice.spring.boot.autoconfigure.SluiceServletAutoConfiguration,"
            + "dev.sluice.spring.boot.autoconfigure.SluiceReactiveAutoConfiguration,"
            + "dev.sluice.spring.boot.autoconfigure.SluiceMetricsAutoConfiguration,"
            + "dev.sluice.spring.boot.autoconfigure.SluiceHealthAutoConfiguration";

    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    private URI start(String exclusions) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(StockMvcApp.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.web-application-type=servlet",
                        "--management.endpoint.health.probes.enabled=true", "--management.endpoints.web.exposure.include=health,info",
                        exclusions);
        apps.add(app);
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private Map<String, Object> answer(URI base, String method, String path, String body, String accept) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept)
                .header("Content-Type", "text/plain")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> seen = new TreeMap<>();
        seen.put("status", r.statusCode());
        seen.put("body", r.body().replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"…\""));
        r.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date")) {
                seen.put(name.toLowerCase(), values);
            }
        });
        return seen;
    }

    @Test
    void withoutSluicePropertiesEveryAnswerIsTheSameAsWithoutTheStarter() throws Exception {
        URI with = start(SECURITY_OFF);
        URI without = start(SECURITY_OFF + SLUICE_OFF);

        for (String[] request : new String[][] {
                {"GET", "/greeting", null, "*/*"}, {"POST", "/echo", "payload", "text/plain"}, {"GET", "/fail", null, "application/json"},
                {"GET", "/missing", null, "application/json"}, {"GET", "/actuator/health", null, "application/json"},
                {"GET", "/actuator/health/readiness", null, "application/json"}, {"GET", "/actuator/health/liveness", null, "*/*"}}) {
            assertThat(answer(with, request[0], request[1], request[2], request[3])).as(request[0] + " " + request[1])
                    .isEqualTo(answer(without, request[0], request[1], request[2], request[3]));
        }
    }

    @Test
    void theAdminPathSaysHowToEnableIt() throws Exception {
        URI with = start(SECURITY_OFF);

        Map<String, Object> admin = answer(with, "POST", "/actuator/maintenance", "{}", "application/json");

        assertThat(admin.get("status")).isEqualTo(403);
        assertThat((String) admin.get("body")).contains("sluice.admin.token");
        assertThat(answer(with, "GET", "/greeting", null, "*/*").get("status")).as("nothing was switched on").isEqualTo(200);
    }
}
