package dev.sluice.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        RetryPolicy p = RetryPolicy.ofDefaults();

        assertThat(p.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS).isEqualTo(3);
        assertThat(p.maxWait()).isEqualTo(RetryPolicy.DEFAULT_MAX_WAIT);
        assertThat(p.callTimeout()).isEmpty();
        assertThat(p.retryStatuses()).containsExactlyInAnyOrder(429, 503);
        assertThat(p.retryConnectFailures()).isTrue();
        assertThat(p.retryNonIdempotent()).isFalse();
        assertThat(p.idempotencyKeyHeader()).isEqualTo("Idempotency-Key");
        assertThat(p.budgetShare()).isEqualTo(0.1);
        assertThat(p.budgetMinRetriesPerSecond()).isEqualTo(1);
        assertThat(p.budgetWindow()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aNegativeMaxWaitFailsNamingItAndTheValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxWait must be positive, but was PT-1S");
    }

    @Test
    void everyBadValueIsRefusedWithItsNameAndValue() {
        RetryPolicy.Builder b = RetryPolicy.builder();
        assertThatThrownBy(() -> b.maxAttempts(0)).hasMessage("maxAttempts must be at least 1, but was 0");
        assertThatThrownBy(() -> b.maxWait(null)).hasMessage("maxWait must be positive, but was null");
        assertThatThrownBy(() -> b.maxWait(Duration.ZERO)).hasMessage("maxWait must be positive, but was PT0S");
        assertThatThrownBy(() -> b.maxWait(Duration.ofDays(2))).hasMessage("maxWait must be at most PT24H, but was PT48H");
        assertThatThrownBy(() -> b.callTimeout(Duration.ofMillis(-5))).hasMessage("callTimeout must be positive, but was PT-0.005S");
        assertThatThrownBy(() -> b.initialBackoff(Duration.ZERO)).hasMessage("initialBackoff must be positive, but was PT0S");
        assertThatThrownBy(() -> b.maxBackoff(Duration.ofSeconds(-2))).hasMessage("maxBackoff must be positive, but was PT-2S");
        assertThatThrownBy(() -> b.backoffMultiplier(0.5)).hasMessage("backoffMultiplier must be a finite number of at least 1, but was 0.5");
        assertThatThrownBy(() -> b.backoffMultiplier(Double.NaN)).hasMessageContaining("but was NaN");
        assertThatThrownBy(() -> b.backoffMultiplier(Double.POSITIVE_INFINITY)).hasMessageContaining("but was Infinity");
        assertThatThrownBy(() -> b.retryStatuses(500, 503)).hasMessage("retryStatuses may hold only [429, 502, 503, 504], but was [500, 503]");
        assertThatThrownBy(() -> b.idempotencyKeyHeader("Idempotency Key")).hasMessage("idempotencyKeyHeader must be a header name, but was 'Idempotency Key'");
        assertThatThrownBy(() -> b.budgetShare(1.5)).hasMessage("budgetShare must be between 0 and 1, but was 1.5");
        assertThatThrownBy(() -> b.budgetShare(-0.1)).hasMessage("budgetShare must be between 0 and 1, but was -0.1");
        assertThatThrownBy(() -> b.budgetMinRetriesPerSecond(-1)).hasMessage("budgetMinRetriesPerSecond must not be negative, but was -1");
        assertThatThrownBy(() -> b.budgetWindow(Duration.ofMillis(1500))).hasMessage("budgetWindow must be whole seconds from PT1S to PT1H, but was PT1.5S");
        assertThatThrownBy(() -> b.budgetWindow(Duration.ofHours(2))).hasMessage("budgetWindow must be whole seconds from PT1S to PT1H, but was PT2H");
    }

    @Test
    void aRefusedValueLeavesTheBuilderAsItWas() {
        RetryPolicy.Builder b = RetryPolicy.builder().maxAttempts(5);
        assertThatThrownBy(() -> b.maxAttempts(-1)).isInstanceOf(IllegalArgumentException.class);

        assertThat(b.build().maxAttempts()).isEqualTo(5);
    }

    @Test
    void aMaxBackoffBelowTheInitialOneFailsAtBuildNamingBoth() {
        RetryPolicy.Builder b = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1));

        assertThatThrownBy(b::build).hasMessage("maxBackoff must not be less than initialBackoff (PT2S), but was PT1S");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        RetryPolicy p = RetryPolicy.builder().maxAttempts(5).maxWait(Duration.ofSeconds(20)).callTimeout(Duration.ofSeconds(30))
                .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofSeconds(2)).backoffMultiplier(3)
                .retryStatuses(429, 502, 503, 504).retryConnectFailures(false).retryNonIdempotent(true)
                .idempotencyKeyHeader("X-Request-Id").budgetShare(0.2).budgetMinRetriesPerSecond(10)
                .budgetWindow(Duration.ofSeconds(30)).build();

        assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(p.toBuilder().noCallTimeout().build().callTimeout()).isEmpty();
        assertThat(p.retryStatuses()).isEqualTo(Set.of(429, 502, 503, 504));
        assertThat(p.toString()).contains("maxAttempts=5", "callTimeout=PT30S", "retryStatuses=[429, 502, 503, 504]", "budgetShare=0.2");
    }

    @Test
    void noStatusesMeansOnlyConnectFailuresAreRetried() {
        assertThat(RetryPolicy.builder().retryStatuses(Set.of()).build().retryStatuses()).isEmpty();
    }
}
