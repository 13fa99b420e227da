package dev.sluice;

import dev.sluice.http.RetryAfterFormat;
import dev.sluice.maintenance.MaintenanceMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SluiceConfigTest {

    private static SluiceConfig fromProperties(Map<String, String> p) {
        return SluiceConfig.builder().properties(p).build();
    }

    private static void assertRejected(String property, String value, String allowed) {
        assertThatThrownBy(() -> fromProperties(Map.of(property, value)))
                .isInstanceOf(SluiceConfigException.class)
                .hasMessageContaining(allowed)
                .satisfies(e -> assertThat(((SluiceConfigException) e).property()).startsWith(property.replaceAll("\\[.*", "")));
    }

    @Test
    void defaultsAreSafe() {
        SluiceConfig c = SluiceConfig.defaults();

        assertThat(c.enabled()).isTrue();
        assertThat(c.maintenance().enabled()).isFalse();
        assertThat(c.exemptPaths().isEmpty()).isTrue();
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.admin().token()).isNull();
        assertThat(c.admin().allowUnauthenticated()).isFalse();
        assertThat(c.response().retryAfterFormat()).isEqualTo(RetryAfterFormat.DELAY_SECONDS);
    }

    @Test
    void propertiesUseTheOneVocabulary() {
        SluiceConfig c = fromProperties(Map.ofEntries(
                Map.entry("sluice.exempt-paths", "/health/**, /status"),
                Map.entry("sluice.trusted-proxies", "10.0.0.0/8"),
                Map.entry("sluice.maintenance.enabled", "true"),
                Map.entry("sluice.maintenance.mode", "read-only"),
                Map.entry("sluice.maintenance.retry-after", "10m"),
                Map.entry("sluice.maintenance.windows[0].start", "2026-11-28T02:00:00Z"),
                Map.entry("sluice.maintenance.windows[0].end", "2026-11-28T03:00:00Z"),
                Map.entry("sluice.maintenance.windows[0].message", "Planned"),
                Map.entry("sluice.response.retry-after-format", "http-date"),
                Map.entry("sluice.admin.token", "0123456789abcdef"),
                Map.entry("other.property", "ignored")));

        assertThat(c.exemptPaths().asStrings()).containsExactly("/health/**", "/status");
        assertThat(c.maintenance().mode()).isEqualTo(MaintenanceMode.READ_ONLY);
        assertThat(c.maintenance().retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maintenance().windows()).singleElement().satisfies(w -> {
            assertThat(w.start()).isEqualTo(Instant.parse("2026-11-28T02:00:00Z"));
            assertThat(w.message()).isEqualTo("Planned");
        });
        assertThat(c.response().retryAfterFormat()).isEqualTo(RetryAfterFormat.HTTP_DATE);
    }

    @Test
    void everyBadValueNamesItsPropertyAndWhatIsAllowed() {
        assertRejected("sluice.maintenance.retry-after", "soon", "30s, 5m");
        assertRejected("sluice.maintenance.retry-after", "-5s", "30s");
        assertRejected("sluice.maintenance.mode", "partial", "[full, read-only]");
        assertRejected("sluice.enabled", "yes", "true or false");
        assertRejected("sluice.exempt-paths", "health", "must start with '/'");
        assertRejected("sluice.trusted-proxies", "proxy.internal", "CIDR");
        assertRejected("sluice.maintenance.bypass.secret", "short", "at least 16");
        assertRejected("sluice.admin.token", "short", "at least 16");
        assertRejected("sluice.response.retry-after-format", "minutes", "[delay-seconds, http-date]");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.maintenance.windows[0].start", "tonight",
                "sluice.maintenance.windows[0].end", "2026-11-28T03:00:00Z")))
                .hasMessageContaining("sluice.maintenance.windows[0].start").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.maintenance.windows[0].start", "2026-11-28T02:00:00Z")))
                .hasMessageContaining("needs both");
        assertRejected("sluice.maintenence.mode", "full", "unknown property");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.client-limits.policies.q.limits", "5/10s")))
                .hasMessageContaining("sluice.client-limits.policies.q.routes").hasMessageContaining("is required");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.client-limits.policies.q.routes", "/q", "sluice.client-limits.policies.q.limits", "lots")))
                .hasMessageContaining("sluice.client-limits.policies.q.limits").hasMessageContaining("5/10s");
    }

    @Test
    void aWindowMustEndAfterItStarts() {
        assertThatThrownBy(() -> fromProperties(Map.of(
                "sluice.maintenance.windows[0].start", "2026-11-28T03:00:00Z",
                "sluice.maintenance.windows[0].end", "2026-11-28T02:00:00Z")))
                .hasMessageContaining("sluice.maintenance.windows[0].end").hasMessageContaining("must be after start");
    }

    @Test
    void theFileStoreNeedsItsFile() {
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.maintenance.store", "file")))
                .isInstanceOf(SluiceConfigException.class)
                .hasMessageContaining("sluice.maintenance.file.path");
    }

    @Test
    void dependenciesNeedTheirBreakers() {
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.dependencies.payments.routes", "/payments/**")))
                .hasMessageContaining("sluice.dependencies.payments").hasMessageContaining("dependencyBreakers");
    }

    @Test
    void sheddingPropertiesAreValidatedWithTheirNames() {
        assertRejected("sluice.shedding.limit.type", "aimd", "[fixed, gradient2, vegas, knee]");
        assertRejected("sluice.shedding.limit.max", "0", "at least 1");
        assertRejected("sluice.shedding.normal-share", "1.5", "at most 1");
        assertRejected("sluice.shedding.cpu.sheddable-above", "80%", "such as 0.9");
        assertRejected("sluice.shedding.queue-time.max", "soon", "duration");
        assertRejected("sluice.shedding.priority-header", "X Priority", "header");
        assertRejected("sluice.shedding.critical.routes", "hello", "");
        assertRejected("sluice.shedding.critical.methods", "GET /x", "HTTP methods");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.shedding.normal-share", "0.5", "sluice.shedding.sheddable-share", "0.6")))
                .hasMessageContaining("sluice.shedding.sheddable-share").hasMessageContaining("at most sluice.shedding.normal-share");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.shedding.cpu.sheddable-above", "0.9", "sluice.shedding.cpu.normal-above", "0.8")))
                .hasMessageContaining("sluice.shedding.cpu.normal-above").hasMessageContaining("sheddable requests go first");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.shedding.limit.type", "gradient2", "sluice.shedding.limit.max", "10",
                "sluice.shedding.limit.initial", "20")))
                .hasMessageContaining("sluice.shedding.limit.initial").hasMessageContaining("between");
        assertThatThrownBy(() -> fromProperties(Map.of("sluice.shedding.limit.min", "2")))
                .hasMessageContaining("sluice.shedding.limit.min").hasMessageContaining("only to an adaptive limit");
    }

    @Test
    void sheddingIsOffByDefaultAndGenerousWhenTurnedOn() {
        assertThat(SluiceConfig.defaults().shedding().enabled()).isFalse();
        var on = fromProperties(Map.of("sluice.shedding.enabled", "true")).shedding();
        assertThat(on.limitMax()).isEqualTo(200);
        assertThat(on.normalShare()).isEqualTo(0.5);
        assertThat(on.sheddableShare()).isEqualTo(0.25);
        assertThat(on.cpuNormalAbove()).isNull();
        assertThat(on.queueTimeMax()).isNull();
    }
}
