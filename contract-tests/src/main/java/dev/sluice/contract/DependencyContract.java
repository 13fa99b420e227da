package dev.sluice.contract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CONTRACT §1 (a dependency this route needs has an open breaker) and §7 (forcing a dependency), on the
 * demo route {@code GET /payments}, which calls the fake dependency {@code payments} through the breaker
 * {@code payments} (opens after at most 10 consecutive failures, stays open 30 s). The fake dependency
 * fails or recovers with {@code POST /demo/dependencies/payments?healthy=false|true}.
 */
public interface DependencyContract extends ContractBase {

    /** Where the admin forces a dependency; by convention beside the maintenance resource. */
    default String dependencyAdminPath(String name) {
        String admin = app().adminPath();
        return admin.substring(0, admin.lastIndexOf('/')) + "/dependencies/" + name;
    }

    @AfterEach
    default void paymentsBackToNormal() throws Exception {
        payments(true);
        override("none");
    }

    @Test
    default void anOpenBreakerGives503WithRetryAfterFromTheBreakersClockAndRecovers() throws Exception {
        payments(false);
        HttpResponse<String> refused = null;
        for (int i = 0; i < 12 && refused == null; i++) {
            HttpResponse<String> r = get("/payments", "Accept", "application/json");
            assertThat(r.statusCode()).as("a failing dependency before the breaker opens is the app's own failure, never 502")
                    .isIn(500, 503);
            if (r.statusCode() == 503) {
                refused = r;
            }
        }
        assertThat(refused).as("the breaker opens after at most 10 consecutive failures").isNotNull();
        long first = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(first).isBetween(1L, 30L);
        assertThat(refused.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(refused.body()).contains("/dependency-unavailable\"").doesNotContain("payments service");
        assertThat(get("/hello").statusCode()).as("routes that do not need payments are unaffected").isEqualTo(200);

        // Retry-After counts down with the breaker's clock.
        await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> later = get("/payments");
            assertThat(later.statusCode()).isEqualTo(503);
            assertThat(Long.parseLong(later.headers().firstValue("Retry-After").orElseThrow())).isLessThan(first);
        });

        payments(true);
        await().atMost(Duration.ofSeconds(first + 10)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(get("/payments").statusCode()).as("after recovery and the wait").isEqualTo(200));
        assertThat(get("/payments").statusCode()).isEqualTo(200);
    }

    @Test
    default void aDependencyForcedOpenThroughTheAdminGives503UntilReleased() throws Exception {
        assertThat(get("/payments").statusCode()).isEqualTo(200);

        HttpResponse<String> forced = override("open");
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(forced.body()).contains("FORCED_OPEN");

        HttpResponse<String> refused = get("/payments");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(get("/hello").statusCode()).isEqualTo(200);

        assertThat(override("none").statusCode()).isEqualTo(200);
        assertThat(get("/payments").statusCode()).isEqualTo(200);
    }

    @Test
    default void forcingADependencyNeedsTheAdminToken() throws Exception {
        HttpResponse<String> anonymous = send("POST", dependencyAdminPath("payments"), "{\"override\":\"open\"}",
                "Content-Type", "application/json");

        assertThat(anonymous.statusCode()).isIn(401, 403);
        assertThat(get("/payments").statusCode()).isEqualTo(200);
    }

    private void payments(boolean healthy) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/demo/dependencies/payments?healthy=" + healthy, "");
        assertThat(r.statusCode()).as("switching the fake payments service").isEqualTo(200);
    }

    private HttpResponse<String> override(String override) throws IOException, InterruptedException {
        return send("POST", dependencyAdminPath("payments"), "{\"override\":\"" + override + "\"}",
                "Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN, "Content-Type", "application/json");
    }
}
