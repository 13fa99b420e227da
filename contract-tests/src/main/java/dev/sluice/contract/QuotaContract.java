package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §1 (per-client limit), §2 (429 headers), §5 (who the client is), on the demo route
 * {@code GET /quota}: 5 requests per 10 s per client, keyed by {@code X-Api-Key} if present, else the
 * client address. Each test uses its own key or address, so the tests do not share buckets.
 */
public interface QuotaContract extends ContractBase {

    Pattern RATE_LIMIT = Pattern.compile("\"quota\";r=(\\d+);t=(\\d+)");

    @Test
    default void aClientOverItsQuotaGets429WithRetryAfterAndTheRateLimitFields() throws Exception {
        String key = "kit-" + UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> ok = quota("X-Api-Key", key);
            assertThat(ok.statusCode()).as("request %d of 5", i).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Policy")).as("admitted responses announce the policy")
                    .hasValue("\"quota\";q=5;w=10");
            String remaining = "\"quota\";r=" + (5 - i) + ";t=";
            assertThat(ok.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith(remaining));
        }

        HttpResponse<String> limited = quota("X-Api-Key", key, "Accept", "application/json");

        assertThat(limited.statusCode()).as("a client's own limit is 429, never 503").isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 10L);
        assertThat(limited.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(limited.headers().firstValue("RateLimit-Policy")).hasValue("\"quota\";q=5;w=10");
        Matcher m = RATE_LIMIT.matcher(limited.headers().firstValue("RateLimit").orElseThrow());
        assertThat(m.matches()).as("RateLimit field syntax").isTrue();
        assertThat(m.group(1)).isEqualTo("0");
        assertThat(retryAfter).as("Retry-After is never earlier than the announced reset").isGreaterThanOrEqualTo(Long.parseLong(m.group(2)));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(limited.body()).contains("/rate-limited\"").contains("\"status\":429").contains("\"title\":\"Too Many Requests\"")
                .contains("\"retryAfter\":" + retryAfter);
    }

    @Test
    default void anotherClientIsUnaffectedByOneThatSpentItsQuota() throws Exception {
        String spent = "kit-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            quota("X-Api-Key", spent);
        }
        assertThat(quota("X-Api-Key", spent).statusCode()).isEqualTo(429);

        assertThat(quota("X-Api-Key", "kit-" + UUID.randomUUID()).statusCode()).isEqualTo(200);
    }

    @Test
    default void behindTheTrustedProxyTheForwardedAddressIsTheClient() throws Exception {
        String client = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            assertThat(quota("X-Forwarded-For", client).statusCode()).isEqualTo(200);
        }
        assertThat(quota("X-Forwarded-For", client).statusCode()).isEqualTo(429);

        String other = client.equals("198.51.100.251") ? "198.51.100.252" : "198.51.100.251";
        assertThat(quota("X-Forwarded-For", other).statusCode()).as("another forwarded client").isEqualTo(200);
    }

    @Test
    default void aSpoofedForwardedForFromAnUntrustedPeerDoesNotResetTheCount() throws Exception {
        // 127.0.0.3 is not a trusted proxy: its X-Forwarded-For must be ignored, so all six count for it.
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = statusFrom("127.0.0.3", "/quota", "X-Forwarded-For: 203.0.113." + (10 + i));
        }
        assertThat(last).isEqualTo(429);
    }

    private HttpResponse<String> quota(String... headers) throws IOException, InterruptedException {
        return get("/quota", headers);
    }
}
