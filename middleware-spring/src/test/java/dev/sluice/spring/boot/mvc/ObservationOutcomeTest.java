package dev.sluice.spring.boot.mvc;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request Sluice refused shows in its observation (the {@code http.server.requests} span) with the reason and the
 * Retry-After, as high-cardinality key values, so the metric keeps its tags; an admitted request has none.
 */
@SpringBootTest(classes = {StockMvcApp.class, ObservationOutcomeTest.Recorder.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "server.address=127.0.0.1",
                "sluice.admin.token=observation-admin-token-0123456789",
                "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
class ObservationOutcomeTest {

    @LocalServerPort
    int port;

    @Autowired
    Recorder recorder;

    private final HttpClient http = HttpClient.newHttpClient();

    private int send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer observation-admin-token-0123456789").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aRefusedRequestsObservationCarriesTheOutcomeAndRetryAfter() throws Exception {
        assertThat(send("GET", "/greeting", null)).isEqualTo(200);
        assertThat(send("POST", "/actuator/maintenance", "{\"duration\":\"PT10M\"}")).isEqualTo(200);
        try {
            assertThat(send("GET", "/greeting?refused", null)).isEqualTo(503);
        } finally {
            send("DELETE", "/actuator/maintenance", null);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.server("/greeting?refused")).isNotNull());
        Observation.Context refused = recorder.server("/greeting?refused");
        assertThat(refused.getHighCardinalityKeyValue("sluice.outcome").getValue()).isEqualTo("maintenance");
        assertThat(Long.parseLong(refused.getHighCardinalityKeyValue("sluice.retry_after").getValue())).isBetween(590L, 600L);
        assertThat(refused.getLowCardinalityKeyValue("sluice.outcome")).as("not a metric tag").isNull();
        Observation.Context admitted = recorder.server("/greeting");
        assertThat(admitted).isNotNull();
        assertThat(admitted.getHighCardinalityKeyValue("sluice.outcome")).isNull();
    }

    /** Records every server request observation when it stops. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Recorder {
        /** The request's path and query, taken when its observation stops (Tomcat recycles the request after). */
        record Stopped(String uri, Observation.Context context) {
        }

        final List<Stopped> stopped = new CopyOnWriteArrayList<>();

        @Bean
        ObservationHandler<Observation.Context> recordingHandler() {
            return new ObservationHandler<>() {
                @Override
                public void onStop(Observation.Context context) {
                    var request = ((org.springframework.http.server.observation.ServerRequestObservationContext) context).getCarrier();
                    stopped.add(new Stopped(request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), context));
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return context instanceof org.springframework.http.server.observation.ServerRequestObservationContext;
                }
            };
        }

        @Bean
        Recorder recorder() {
            return this;
        }

        Observation.Context server(String pathAndQuery) {
            for (Stopped s : stopped) {
                if (s.uri().equals(pathAndQuery)) {
                    return s.context();
                }
            }
            return null;
        }
    }
}
