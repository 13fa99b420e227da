package dev.sluice.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §1 (maintenance rows), §2 (Retry-After, no-store), §6 (in-flight requests finish). */
public interface MaintenanceContract extends ContractBase {

    @Test
    default void maintenanceGives503WithRetryAfterCountingDownToTheAnnouncedEnd() throws Exception {
        maintenanceOn("{\"mode\":\"FULL\",\"message\":\"Back soon\",\"until\":\"" + inSeconds(120) + "\"}");

        HttpResponse<String> r = get("/hello", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(retryAfterSeconds(r)).as("seconds until the end, rounded up").isBetween(110L, 120L);
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode problem = json(r.body());
        assertThat(problem.path("type").asText()).endsWith("/maintenance");
        assertThat(problem.path("title").asText()).isEqualTo("Service Unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).isEqualTo("Back soon");
        assertThat(problem.path("instance").asText()).isEqualTo("/hello");
        assertThat(problem.path("retryAfter").asLong()).isEqualTo(retryAfterSeconds(r));
    }

    @Test
    default void aDurationCountsDownLikeAnEnd() throws Exception {
        maintenanceOn("{\"duration\":\"PT5M\"}");

        assertThat(retryAfterSeconds(get("/hello"))).isBetween(290L, 300L);
    }

    @Test
    default void anEstimateWithoutAnEndIsSentAsIs() throws Exception {
        maintenanceOn("{\"retryAfter\":\"PT10M\"}");

        assertThat(retryAfterSeconds(get("/hello"))).isEqualTo(600L);
    }

    @Test
    default void withNeitherEndNorEstimateThereIsNoRetryAfterAtAll() throws Exception {
        maintenanceOn("{}");

        HttpResponse<String> r = get("/hello", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as("no guess").isEmpty();
        assertThat(json(r.body()).has("retryAfter")).as("retryAfter member exactly when the header is").isFalse();
    }

    @Test
    default void switchingMaintenanceOffServesAgain() throws Exception {
        maintenanceOn("{}");
        assertThat(get("/hello").statusCode()).isEqualTo(503);

        HttpResponse<String> off = admin("DELETE", null, ContractSettings.ADMIN_TOKEN);

        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(json(off.body()).path("maintenance").path("active").asBoolean()).isFalse();
        HttpResponse<String> r = get("/hello");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
    }

    @Test
    default void readOnlyMaintenanceServesReadsAndRefusesWrites() throws Exception {
        maintenanceOn("{\"mode\":\"READ_ONLY\",\"message\":\"Read-only for a while\"}");

        assertThat(get("/hello").statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/hello", null).statusCode()).isEqualTo(200);
        HttpResponse<String> write = send("POST", "/hello", "x", "Accept", "application/json");
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(json(write.body()).path("type").asText()).endsWith("/maintenance");
    }

    @Test
    default void scopedMaintenanceRefusesOnlyItsPaths() throws Exception {
        maintenanceOn("{\"scope\":[\"/work/**\"]}");

        assertThat(get("/work?ms=1").statusCode()).isEqualTo(503);
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    default void theStateReportsWhatWasSwitchedOn() throws Exception {
        maintenanceOn("{\"mode\":\"READ_ONLY\",\"message\":\"Upgrading\",\"duration\":\"PT1H\"}");

        JsonNode m = adminState().path("maintenance");

        assertThat(m.path("active").asBoolean()).isTrue();
        assertThat(m.path("mode").asText()).isEqualTo("READ_ONLY");
        assertThat(m.path("message").asText()).isEqualTo("Upgrading");
    }

    @Test
    default void requestsAlreadyAdmittedFinishWhenMaintenanceIsSwitchedOn() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/work?ms=1500");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The server cannot be observed admitting the request; the 1500 ms it takes leaves ample room for
        // this pause, which only makes sure the request is under way before the switch.
        Thread.sleep(400);
        maintenanceOn("{}");

        assertThat(get("/hello").statusCode()).as("a new request").isEqualTo(503);
        assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).as("the request admitted before").isEqualTo(200);
    }
}
