package dev.sluice.client.faulttolerance;

import dev.sluice.PropertyCatalogue;
import dev.sluice.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code sluice.client.*} properties as MicroProfile Config hands them over: the catalogue's names, defaults and forms. */
class ConfiguredRetryTest {

    private static RetryPolicy read(Map<String, String> properties) {
        return ConfiguredRetry.read(name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void theNamesAndDefaultsAreTheCatalogues() {
        List<PropertyCatalogue.Property> client = PropertyCatalogue.properties().stream()
                .filter(p -> p.name().startsWith(ConfiguredRetry.PREFIX) && !p.name().equals("sluice.client.enabled")).toList();
        assertThat(ConfiguredRetry.PROPERTIES).containsExactlyElementsOf(client.stream().map(PropertyCatalogue.Property::name).toList());

        Map<String, String> written = new LinkedHashMap<>();
        client.stream().filter(p -> p.defaultValue() != null).forEach(p -> written.put(p.name(), p.defaultValue()));
        assertThat(read(written)).isEqualTo(RetryPolicy.ofDefaults());
        assertThat(read(Map.of())).isEqualTo(RetryPolicy.ofDefaults());
    }

    @Test
    void valuesAreReadAsQuarkusWritesThem() {
        assertThat(read(Map.of("sluice.client.max-wait", "PT20S", "sluice.client.initial-backoff", "150ms", "sluice.client.max-backoff", "2",
                "sluice.client.budget.window", "1m", "sluice.client.retry-statuses", "429, 503,504", "sluice.client.retry-non-idempotent", "TRUE",
                "sluice.client.budget.min-retries-per-second", "0")))
                .isEqualTo(RetryPolicy.builder().maxWait(Duration.ofSeconds(20)).initialBackoff(Duration.ofMillis(150))
                        .maxBackoff(Duration.ofSeconds(2)).budgetWindow(Duration.ofMinutes(1)).retryStatuses(429, 503, 504)
                        .retryNonIdempotent(true).budgetMinRetriesPerSecond(0).build());
    }

    @Test
    void aBadValueFailsNamingTheProperty() {
        assertThatThrownBy(() -> read(Map.of("sluice.client.max-wait", "soon")))
                .hasMessageStartingWith("sluice.client.max-wait: not a duration: 'soon'");
        assertThatThrownBy(() -> read(Map.of("sluice.client.max-attempts", "three")))
                .hasMessage("sluice.client.max-attempts: not a number: 'three'");
        assertThatThrownBy(() -> read(Map.of("sluice.client.retry-statuses", "500")))
                .hasMessageStartingWith("sluice.client.retry-statuses: retryStatuses may hold only [429, 502, 503, 504]");
        assertThatThrownBy(() -> read(Map.of("sluice.client.retry-connect-failures", "yes")))
                .hasMessage("sluice.client.retry-connect-failures: not true or false: 'yes'");
        assertThatThrownBy(() -> read(Map.of("sluice.client.initial-backoff", "10s")))
                .hasMessageStartingWith("sluice.client.initial-backoff or sluice.client.max-backoff: maxBackoff must not be less than initialBackoff");
    }

    @Test
    void aWaitIsRoundedUpToTheMillisecondSoTheClientNeverComesBackEarly() {
        assertThat(SluiceBackoff.millisRoundedUp(Duration.ofSeconds(2))).isEqualTo(2000);
        assertThat(SluiceBackoff.millisRoundedUp(Duration.ofNanos(1_500_001))).isEqualTo(2);
        assertThat(SluiceBackoff.millisRoundedUp(Duration.ZERO)).isZero();
    }
}
