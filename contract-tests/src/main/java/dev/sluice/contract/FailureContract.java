package dev.sluice.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §1 last rows: 502/504 only where the app is a gateway; an application failure stays 500. */
public interface FailureContract extends ContractBase {

    @Test
    default void anUnreadableUpstreamAnswerOnTheGatewayIs502() throws Exception {
        HttpResponse<String> r = get("/proxy?to=garbage", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode problem = json(r.body());
        assertThat(problem.path("type").asText()).endsWith("/bad-gateway");
        assertThat(problem.path("status").asInt()).isEqualTo(502);
    }

    @Test
    default void anUpstreamTooSlowForTheGatewayIs504() throws Exception {
        HttpResponse<String> r = get("/proxy?to=slow", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(json(r.body()).path("type").asText()).endsWith("/gateway-timeout");
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    @Test
    default void aHealthyUpstreamPassesThrough() throws Exception {
        assertThat(get("/proxy?to=ok").statusCode()).isEqualTo(200);
    }

    @Test
    default void anApplicationBugIs500NeverAGatewayOrAvailabilityCode() throws Exception {
        HttpResponse<String> r = get("/boom", "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("/bad-gateway").doesNotContain("/maintenance").doesNotContain("/overload");
    }
}
