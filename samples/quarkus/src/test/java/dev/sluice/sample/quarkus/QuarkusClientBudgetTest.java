package dev.sluice.sample.quarkus;

import dev.sluice.client.faulttolerance.RetryableStatusException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry budget on Quarkus, with half a retry per call and no floor: each call of an annotated method
 * deposits half a retry when it starts, so the first call finds too little and hands its 503 back, and the
 * second finds a whole retry and waits out the maintenance.
 */
@QuarkusTest
@TestProfile(QuarkusClientBudgetTest.HalfARetryPerCall.class)
@Timeout(60)
class QuarkusClientBudgetTest {

    public static class HalfARetryPerCall extends ClientRetryProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> p = new HashMap<>(super.getConfigOverrides());
            p.put("sluice.client.budget.share", "0.5");
            p.put("sluice.client.budget.min-retries-per-second", "0");
            return p;
        }
    }

    @Inject
    @RestClient
    SampleClient sample;

    @AfterEach
    void maintenanceOff() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(QuarkusClientRetryTest.admin().DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void aCallRetriesOnlyWhenTheCallsBeforeItLeftAWholeRetry() throws Exception {
        AttemptCounter.clear();
        QuarkusClientRetryTest.maintenanceFor(Duration.ofSeconds(2));

        assertThatThrownBy(() -> sample.hello()).isInstanceOf(RetryableStatusException.class);
        assertThat(AttemptCounter.sent("GET /hello")).as("half a retry in the budget: none taken").isEqualTo(1);

        assertThat(sample.hello()).isEqualTo("hello");
        assertThat(AttemptCounter.sent("GET /hello")).as("a whole retry now: taken").isBetween(3, 4);
    }
}
