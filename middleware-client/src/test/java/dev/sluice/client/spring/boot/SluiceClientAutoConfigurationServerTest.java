package dev.sluice.client.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot application with {@code sluice.client.enabled=true}: the {@code RestClient} and
 * {@code WebClient} it builds from Boot's own builders wait out a 503's {@code Retry-After: 1} and get the
 * 200, and Boot's meter registry counts what happened.
 */
@SpringBootTest(classes = FlakyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sluice.client.enabled=true")
@Timeout(60)
class SluiceClientAutoConfigurationServerTest {

    @LocalServerPort
    int port;

    @Autowired
    RestClient.Builder restClients;

    @Autowired
    WebClient.Builder webClients;

    @Autowired
    FlakyApplication server;

    @Autowired
    MeterRegistry meters;

    private double count(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    @Test
    void theAutoConfiguredRestClientWaitsOutRetryAfterAndGets200() {
        double retriesBefore = count("sluice.client.retries", "reason", "service-unavailable");
        long waitsBefore = meters.get("sluice.client.wait").tag("source", "retry-after").timer().count();
        RestClient client = restClients.baseUrl("http://127.0.0.1:" + port).build();

        long start = System.nanoTime();
        ResponseEntity<String> r = client.get().uri("/flaky?key=rest").retrieve().toEntity(String.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody()).isEqualTo("hello");
        assertThat(server.requests("rest")).as("the 503 and the retry").isEqualTo(2);
        assertThat(took).as("the client waited the second it was asked to").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(count("sluice.client.retries", "reason", "service-unavailable") - retriesBefore).isEqualTo(1);
        assertThat(meters.get("sluice.client.wait").tag("source", "retry-after").timer().count() - waitsBefore).isEqualTo(1);
        assertThat(meters.get("sluice.client.wait").tag("source", "retry-after").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(1000);
    }

    @Test
    void theAutoConfiguredWebClientWaitsOutRetryAfterAndGets200() {
        double attemptsBefore = meters.get("sluice.client.attempts").counter().count();
        WebClient client = webClients.baseUrl("http://127.0.0.1:" + port).build();

        ResponseEntity<String> r = client.get().uri("/flaky?key=web").retrieve().toEntity(String.class).block(Duration.ofSeconds(30));

        assertThat(r).isNotNull();
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody()).isEqualTo("hello");
        assertThat(server.requests("web")).isEqualTo(2);
        assertThat(meters.get("sluice.client.attempts").counter().count() - attemptsBefore).as("two attempts, one call").isEqualTo(2);
    }
}
