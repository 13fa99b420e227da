package dev.sluice.quarkus.deployment;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.api.common.AttributeKey;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With quarkus-opentelemetry, a request Sluice refused has the reason and the Retry-After on its server span. */
class RefusalSpanTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class, Exporter.class))
            .overrideConfigKey("sluice.admin.token", TOKEN)
            .overrideConfigKey("quarkus.otel.simple", "true");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRefusedRequestsSpanCarriesTheOutcomeAndRetryAfter() {
        RestAssured.get("/hello").then().statusCode(200);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{\"duration\":\"PT10M\"}")
                .post("/q/maintenance").then().statusCode(200);
        try {
            RestAssured.get("/hello?refused=1").then().statusCode(503);
        } finally {
            RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/q/maintenance").then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(refused()).isNotEmpty());
        SpanData refused = refused().get(0);
        assertThat(refused.getAttributes().get(AttributeKey.stringKey("sluice.outcome"))).isEqualTo("maintenance");
        assertThat(refused.getAttributes().get(AttributeKey.longKey("sluice.retry_after"))).isBetween(590L, 600L);
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getAttributes().get(AttributeKey.longKey("http.response.status_code")) != null
                        && s.getAttributes().get(AttributeKey.longKey("http.response.status_code")) == 200L
                        && s.getAttributes().get(AttributeKey.stringKey("sluice.outcome")) != null)
                .as("an admitted request's span has no outcome").isEmpty();
    }

    private List<SpanData> refused() {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> "refused=1".equals(s.getAttributes().get(AttributeKey.stringKey("url.query")))).toList();
    }

    /** The spans go to memory, where the test reads them. */
    static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }
}
