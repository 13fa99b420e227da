package dev.sluice.internal.failure;

import dev.sluice.MutableClock;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.SluiceConfig;
import dev.sluice.SluiceConfigException;
import dev.sluice.TestRequest;
import dev.sluice.internal.dependency.DependencyGuard;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.http.PathPatterns;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailureClassifierTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final DependencyGuard noDependencies = new DependencyGuard(List.of(), null, clock);

    private FailureClassifier classifier(List<String> gatewayRoutes, Set<String> badResponse, Set<String> timeouts) {
        return new FailureClassifier(PathPatterns.of(gatewayRoutes), badResponse, timeouts, noDependencies, JitteredRetryAfter.defaults(), clock);
    }

    /** A client library's own "unusable answer" exception, as users configure it. */
    static class LibraryBadAnswer extends RuntimeException {
    }

    static class StricterBadAnswer extends LibraryBadAnswer {
    }

    @Test
    void upstreamExceptionsAnswer502And504EverywhereWhenNoGatewayRouteIsConfigured() {
        FailureClassifier c = classifier(List.of(), Set.of(), Set.of());

        assertThat(c.classify(new UpstreamResponseException("x"), TestRequest.get("/any")).map(Rejection::status)).hasValue(502);
        assertThat(c.classify(new RuntimeException(new UpstreamTimeoutException("x")), TestRequest.get("/any")).map(Rejection::status)).hasValue(504);
    }

    @Test
    void configuredLibraryExceptionsAnswer502And504OnlyOnGatewayRoutes() {
        FailureClassifier c = classifier(List.of("/proxy/**"), Set.of(LibraryBadAnswer.class.getName()),
                Set.of(HttpTimeoutException.class.getName()));

        assertThat(c.classify(new HttpTimeoutException("slow"), TestRequest.get("/proxy/a")).map(Rejection::reason))
                .hasValue(RejectionReason.GATEWAY_TIMEOUT);
        assertThat(c.classify(new StricterBadAnswer(), TestRequest.get("/proxy/a")).map(Rejection::reason))
                .as("subclasses count too").hasValue(RejectionReason.BAD_GATEWAY);
        assertThat(c.classify(new HttpTimeoutException("slow"), TestRequest.get("/orders")))
                .as("the app's own call timing out elsewhere is its own failure").isEmpty();
        assertThat(c.classify(new IllegalStateException("bug"), TestRequest.get("/proxy/a"))).isEmpty();
    }

    @Test
    void libraryExceptionsWithoutGatewayRoutesAreAConfigurationError() {
        assertThatThrownBy(() -> SluiceConfig.builder().properties(Map.of("sluice.gateway.timeout-exceptions", "java.net.http.HttpTimeoutException")).build())
                .isInstanceOf(SluiceConfigException.class).hasMessageContaining("sluice.gateway.routes");
        assertThatThrownBy(() -> SluiceConfig.builder().properties(Map.of("sluice.gateway.routes", "/proxy", "sluice.gateway.timeout-exceptions", "not a class")).build())
                .hasMessageContaining("sluice.gateway.timeout-exceptions").hasMessageContaining("fully qualified");
    }
}
