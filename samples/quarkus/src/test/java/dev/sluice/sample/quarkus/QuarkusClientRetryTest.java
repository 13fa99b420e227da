package dev.sluice.sample.quarkus;

import dev.sluice.client.faulttolerance.RetryableStatusException;
import dev.sluice.contract.ContractSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sluice's client on Quarkus: a Quarkus REST client with SmallRye Fault Tolerance's {@code @Retry}, timed and
 * judged by {@code SluiceBackoff} and {@code SluiceRetryWhen}, calling the running sample while its
 * maintenance is switched on through the admin API. Waits here are real; no test asserts how long anything
 * took beyond "at least what the server asked" and "not the hour it asked".
 */
@QuarkusTest
@TestProfile(ClientRetryProfile.class)
@Timeout(60)
class QuarkusClientRetryTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    @RestClient
    SampleClient sample;

    @Inject
    @RestClient
    ClosedPortClient closed;

    @BeforeEach
    void clear() {
        AttemptCounter.clear();
    }

    @AfterEach
    void maintenanceOff() throws Exception {
        HttpResponse<String> r = HTTP.send(admin().DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("switching maintenance off: %s", r.body()).isEqualTo(200);
    }

    static HttpRequest.Builder admin() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ClientRetryProfile.PORT + "/q/maintenance"))
                .header("Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN).header("Content-Type", "application/json");
    }

    static void maintenanceFor(Duration duration) throws Exception {
        HttpResponse<String> r = HTTP.send(admin().POST(HttpRequest.BodyPublishers.ofString("{\"duration\":\"" + duration + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("switching maintenance on: %s", r.body()).isEqualTo(200);
    }

    @Test
    void aGetWaitsOutATwoSecondMaintenanceAndGets200() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));
        long start = System.nanoTime();

        String body = sample.hello();

        assertThat(body).isEqualTo("hello");
        assertThat(AttemptCounter.sent("GET /hello")).as("the 503 and the retry after it").isBetween(2, 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited as the server asked").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aPostIsNotRetriedThoughItsMethodIsAnnotated() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));

        assertThatThrownBy(() -> sample.post("order=1")).isInstanceOfSatisfying(RetryableStatusException.class, e -> {
            assertThat(e.getResponse().getStatus()).isEqualTo(503);
            assertThat(e.getResponse().getHeaderString("Retry-After")).as("the caller can still tell when to come back").isNotBlank();
            assertThat(e.requestMethod()).isEqualTo("POST");
        });
        assertThat(AttemptCounter.sent("POST /hello")).isEqualTo(1);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetried() throws Exception {
        maintenanceFor(Duration.ofSeconds(2));

        // After the maintenance the sample has no POST /hello: the 405 proves the retry reached it.
        assertThatThrownBy(() -> sample.postWithKey("order-2", "order=2")).isInstanceOfSatisfying(WebApplicationException.class,
                e -> assertThat(e.getResponse().getStatus()).isEqualTo(405));
        assertThat(AttemptCounter.sent("POST /hello")).isBetween(2, 3);
    }

    @Test
    void aRetryAfterLongerThanMaxWaitIsHandedBackAtOnce() throws Exception {
        maintenanceFor(Duration.ofHours(1));
        long start = System.nanoTime();

        assertThatThrownBy(() -> sample.hello()).isInstanceOfSatisfying(RetryableStatusException.class,
                e -> assertThat(Long.parseLong(e.getResponse().getHeaderString("Retry-After"))).isGreaterThan(10));

        assertThat(AttemptCounter.sent("GET /hello")).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait at all, let alone an hour").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionIsRetriedForAnyMethodThenReported() {
        assertThatThrownBy(() -> closed.order("order=3")).isInstanceOf(ProcessingException.class);

        assertThat(AttemptCounter.sent("POST /orders")).as("the first attempt and both retries").isEqualTo(3);
    }
}
