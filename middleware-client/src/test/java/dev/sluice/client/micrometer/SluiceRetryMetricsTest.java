package dev.sluice.client.micrometer;

import dev.sluice.client.Headers;
import dev.sluice.client.RetryBudget;
import dev.sluice.client.RetryCall;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.TestTime;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters, fed by real decisions of a {@link SluiceRetry} on injected time. */
class SluiceRetryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestTime time = TestTime.at("2026-11-24T10:00:00Z");

    private SluiceRetry retry(RetryPolicy policy, RetryBudget budget) {
        return SluiceRetry.builder(policy).listener(new SluiceRetryMetrics(registry, Tags.of("client", "payments")))
                .clock(time.clock()).nanoTime(time::nanoTime).random(() -> 0.5).budget(budget).build();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags("client", "payments").tags(tags).counter().count();
    }

    @Test
    void attemptsRetriesByReasonAndWaitsBySourceAreRecorded() {
        SluiceRetry retry = retry(RetryPolicy.ofDefaults(), RetryBudget.unlimited());
        RetryCall call = retry.newCall("GET", Headers.NONE);

        call.onResponse(503, Headers.of("Retry-After", "2"), () -> "");
        call.onResponse(429, Headers.of("RateLimit", "\"quota\";r=0;t=5"), () -> "");
        call.onResponse(200, Headers.NONE, () -> "");
        retry.newCall("POST", Headers.NONE).onFailure(new ConnectException());

        assertThat(count("sluice.client.attempts")).isEqualTo(4);
        assertThat(count("sluice.client.retries", "reason", "service-unavailable")).isEqualTo(1);
        assertThat(count("sluice.client.retries", "reason", "too-many-requests")).isEqualTo(1);
        assertThat(count("sluice.client.retries", "reason", "connect-failure")).isEqualTo(1);
        assertThat(count("sluice.client.retries", "reason", "bad-gateway")).as("registered up front, still zero").isZero();
        assertThat(registry.get("sluice.client.wait").tags("source", "retry-after").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
        assertThat(registry.get("sluice.client.wait").tags("source", "rate-limit").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(5.0);
        assertThat(registry.get("sluice.client.wait").tags("source", "backoff").timer().count()).isEqualTo(1);
    }

    @Test
    void givingUpIsCountedByReasonAndASpentBudgetHasItsOwnCounter() {
        RetryPolicy policy = RetryPolicy.builder().budgetShare(0).budgetMinRetriesPerSecond(0).maxWait(Duration.ofSeconds(10)).build();
        SluiceRetry retry = retry(policy, RetryBudget.of(policy, time::nanoTime));

        retry.newCall("GET", Headers.NONE).onResponse(503, Headers.of("Retry-After", "1"), () -> "");
        retry.newCall("GET", Headers.NONE).onResponse(503, Headers.of("Retry-After", "60"), () -> "");
        retry.newCall("POST", Headers.NONE).onResponse(503, Headers.NONE, () -> "");
        retry.newCall("GET", Headers.NONE).onResponse(500, Headers.NONE, () -> "");

        assertThat(count("sluice.client.budget.exhausted")).isEqualTo(1);
        assertThat(count("sluice.client.gave.up", "reason", "budget-exhausted")).isEqualTo(1);
        assertThat(count("sluice.client.gave.up", "reason", "wait-too-long")).isEqualTo(1);
        assertThat(count("sluice.client.gave.up", "reason", "not-idempotent")).isEqualTo(1);
        assertThat(registry.find("sluice.client.gave.up").tags("reason", "not-retryable").counter())
                .as("a 500 is an answer, not a give-up").isNull();
        assertThat(count("sluice.client.attempts")).isEqualTo(4);
    }
}
