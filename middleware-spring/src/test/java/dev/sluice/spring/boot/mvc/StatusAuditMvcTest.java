package dev.sluice.spring.boot.mvc;

import dev.sluice.Sluice;
import dev.sluice.internal.failure.StatusAudit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The status audit on Spring MVC: the app's own answers are audited, Sluice's own 502 is not. */
@SpringBootTest(classes = StockMvcApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "server.address=127.0.0.1",
                "sluice.gateway.routes=/gateway/**", "sluice.audit.add-missing-retry-after=true",
                "sluice.shedding.retry-after-min=7s", "sluice.shedding.retry-after-max=7s",
                "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
class StatusAuditMvcTest {

    @LocalServerPort
    int port;

    @Autowired
    Sluice sluice;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAppsOwn503GetsRetryAfterAndIsCountedWhileSluicesGatewayAnswerIsNot() throws Exception {
        HttpResponse<String> busy = get("/busy");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("7");

        HttpResponse<String> gateway = get("/gateway/upstream");
        assertThat(gateway.statusCode()).isEqualTo(502);
        assertThat(gateway.body()).contains("/bad-gateway");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sluice.audit().findings())
                .containsEntry(StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER, 1L)
                .containsEntry(StatusAudit.Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, 0L));
        assertThat(sluice.audit().statuses()).containsEntry(503, 1L).containsEntry(502, 0L);
    }
}
