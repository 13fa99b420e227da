package dev.sluice.internal.http;

import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.TestRequest;
import dev.sluice.http.ResponseConfig;
import dev.sluice.http.RetryAfter;
import dev.sluice.http.RetryAfterFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RendererTest {

    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final Renderer renderer = new Renderer(ResponseConfig.defaults());
    private final Rejection maintenance = new Rejection(RejectionReason.MAINTENANCE, "Back at <noon> & later",
            RetryAfter.after(Duration.ofSeconds(120), now));

    @Test
    void problemJsonCarriesTheRfc9457MembersAndRetryAfterExactlyWhenTheHeaderIs() {
        RenderedResponse r = renderer.render(maintenance, TestRequest.get("/orders"));

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.header("Retry-After")).isEqualTo("120");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"https://sluice.dev/problems/maintenance\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"Back at <noon> & later\",\"instance\":\"/orders\",\"retryAfter\":120}");

        RenderedResponse noRetry = renderer.render(new Rejection(RejectionReason.BAD_GATEWAY, "bad", null), TestRequest.get("/p"));
        assertThat(noRetry.header("Retry-After")).isNull();
        assertThat(new String(noRetry.body(), StandardCharsets.UTF_8)).doesNotContain("retryAfter").contains("\"status\":502");
    }

    @Test
    void contentLengthIsTheByteLengthOfTheBody() {
        RenderedResponse r = renderer.render(new Rejection(RejectionReason.MAINTENANCE, "Wartung läuft – bis später", null),
                TestRequest.get("/").header("Accept", "text/plain"));

        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
    }

    @Test
    void headGetsTheSameHeadersAndNoBody() {
        RenderedResponse get = renderer.render(maintenance, TestRequest.get("/orders"));
        RenderedResponse head = renderer.render(maintenance, TestRequest.of("HEAD", "/orders"));

        assertThat(head.body()).isEmpty();
        assertThat(head.headers()).isEqualTo(get.headers());
    }

    @Test
    void theHtmlPageIsSelfContainedEscapedAndTellsWhenToComeBack() {
        RenderedResponse r = renderer.render(maintenance, TestRequest.get("/").header("Accept", "text/html"));
        String page = new String(r.body(), StandardCharsets.UTF_8);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
        assertThat(page).contains("<html lang=\"en\">").contains("Back at &lt;noon&gt; &amp; later")
                .contains("<time datetime=\"2026-11-24T10:02:00Z\">").contains("in about 2 minutes")
                .doesNotContain("<link").doesNotContain("<script src").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void aUserTemplateReplacesThePageWithEscapedValues() {
        Renderer custom = new Renderer(new ResponseConfig(RetryAfterFormat.DELAY_SECONDS, "https://example.com/p",
                "<h1>{{title}}</h1><p>{{detail}}</p><p>{{retryAfterSeconds}}s {{retryAt}} {{unknown}}</p>", ResponseConfig.HtmlRefresh.NONE));

        String page = new String(custom.render(maintenance, TestRequest.get("/").header("Accept", "text/html")).body(), StandardCharsets.UTF_8);

        assertThat(page).isEqualTo("<h1>Service Unavailable</h1><p>Back at &lt;noon&gt; &amp; later</p><p>120s 2026-11-24T10:02:00Z {{unknown}}</p>");
    }

    @Test
    void httpDateFormatIsUsedWhenConfigured() {
        Renderer dates = new Renderer(new ResponseConfig(RetryAfterFormat.HTTP_DATE, "https://example.com/problems/", null, ResponseConfig.HtmlRefresh.MAINTENANCE));

        RenderedResponse r = dates.render(maintenance, TestRequest.get("/"));

        assertThat(r.header("Retry-After")).isEqualTo("Tue, 24 Nov 2026 10:02:00 GMT");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"type\":\"https://example.com/problems/maintenance\"");
    }

    @Test
    void extraHeadersOfARejectionAreWritten() {
        Rejection limited = new Rejection(RejectionReason.RATE_LIMITED, "slow down", RetryAfter.after(Duration.ofSeconds(7), now),
                Map.of("RateLimit", "\"quota\";r=0;t=7"));

        RenderedResponse r = renderer.render(limited, TestRequest.get("/quota"));

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("RateLimit")).isEqualTo("\"quota\";r=0;t=7");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"title\":\"Too Many Requests\"");
    }

    @Test
    void adminProblemsCarryTheirExtensionMembers() {
        RenderedResponse r = renderer.problem(400, "invalid-request", "mode: must be FULL or READ_ONLY", "/admin/maintenance",
                Map.of(), Map.of("field", "mode"), "POST");

        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"field\":\"mode\"").contains("\"status\":400");
    }

    @Test
    void aMaintenancePageReloadsItselfOnceItsRetryAfterHasPassedWithJitter() {
        Renderer renderer = new Renderer(ResponseConfig.defaults());
        java.util.Set<String> refreshes = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            RenderedResponse r = renderer.render(maintenance, TestRequest.get("/").header("Accept", "text/html"));
            long refresh = Long.parseLong(r.header("Refresh"));
            assertThat(refresh).as("Retry-After 120 plus up to 12 s").isBetween(120L, 132L);
            refreshes.add(r.header("Refresh"));
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("This page reloads itself then.");
        }
        assertThat(refreshes).as("jittered").hasSizeGreaterThan(3);
    }

    @Test
    void onlyHtmlPagesReloadAndOnlyThoseConfigured() {
        Renderer renderer = new Renderer(ResponseConfig.defaults());
        Rejection overload = new Rejection(dev.sluice.RejectionReason.OVERLOAD, "busy", RetryAfter.after(java.time.Duration.ofSeconds(3), now));

        assertThat(renderer.render(maintenance, TestRequest.get("/").header("Accept", "application/json")).header("Refresh")).isNull();
        assertThat(renderer.render(overload, TestRequest.get("/").header("Accept", "text/html")).header("Refresh")).isNull();
        Renderer all = new Renderer(new ResponseConfig(RetryAfterFormat.DELAY_SECONDS, "https://x/p", null, ResponseConfig.HtmlRefresh.ALL));
        assertThat(all.render(overload, TestRequest.get("/").header("Accept", "text/html")).header("Refresh")).isNotNull();
        Renderer none = new Renderer(new ResponseConfig(RetryAfterFormat.DELAY_SECONDS, "https://x/p", null, ResponseConfig.HtmlRefresh.NONE));
        assertThat(none.render(maintenance, TestRequest.get("/").header("Accept", "text/html")).header("Refresh")).isNull();
    }

    @Test
    void theBuiltInPageWritesTheTimeInUtcForReadersWithoutScriptsAndInTheirOwnZoneWithThem() {
        String page = new String(new Renderer(ResponseConfig.defaults())
                .render(maintenance, TestRequest.get("/").header("Accept", "text/html")).body(), StandardCharsets.UTF_8);

        assertThat(page).contains("<time datetime=\"2026-11-24T10:02:00Z\">24 Nov 2026, 10:02 UTC</time>")
                .contains("toLocaleString").contains("@media (max-width:40rem)").doesNotContain("http://").doesNotContain("https://");
    }
}
