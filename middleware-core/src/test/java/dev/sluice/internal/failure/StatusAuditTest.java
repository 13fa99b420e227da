package dev.sluice.internal.failure;

import dev.sluice.MutableClock;
import dev.sluice.TestRequest;
import dev.sluice.event.AuditFinding;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.http.PathPatterns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class StatusAuditTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final List<AuditFinding> heard = new CopyOnWriteArrayList<>();

    private StatusAudit audit(List<String> gatewayRoutes, boolean addMissing) {
        return new StatusAudit(PathPatterns.of(gatewayRoutes), PathPatterns.of(List.of("/health/**")), addMissing,
                new JitteredRetryAfter(Duration.ofSeconds(3), Duration.ofSeconds(3)), clock, heard::add);
    }

    @Test
    void aGatewayStatusOutsideTheGatewayRoutesIsAFinding() {
        StatusAudit audit = audit(List.of("/proxy/**"), false);

        audit.record(TestRequest.get("/orders"), 502, false);
        audit.record(TestRequest.get("/proxy/x"), 504, false);

        assertThat(audit.findings()).containsEntry(StatusAudit.Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, 1L);
        assertThat(heard).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/orders");
            assertThat(f.status()).isEqualTo(502);
        });
        assertThat(audit.statuses()).containsEntry(502, 1L).containsEntry(504, 1L);
    }

    @Test
    void withoutGatewayRoutesEveryGatewayStatusTheAppWritesIsAFinding() {
        StatusAudit audit = audit(List.of(), false);

        audit.record(TestRequest.get("/anything"), 504, false);

        assertThat(audit.findings()).containsEntry(StatusAudit.Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, 1L);
    }

    @Test
    void unavailableOrLimitedWithoutRetryAfterIsAFinding() {
        StatusAudit audit = audit(List.of(), false);

        audit.record(TestRequest.get("/a"), 503, false);
        audit.record(TestRequest.get("/a"), 429, false);
        audit.record(TestRequest.get("/a"), 503, true);
        audit.record(TestRequest.get("/health/ready"), 503, false);

        assertThat(audit.findings()).containsEntry(StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER, 2L);
        assertThat(audit.statuses()).as("exempt probes are not the app's answers to audit").containsEntry(503, 2L).containsEntry(429, 1L);
    }

    @Test
    void aMissingRetryAfterIsFilledInOnlyWhenConfiguredAndOnlyFor503And429() {
        assertThat(audit(List.of(), false).missingRetryAfter(503, false)).isNull();
        StatusAudit audit = audit(List.of(), true);

        assertThat(audit.missingRetryAfter(503, false)).isEqualTo("3");
        assertThat(audit.missingRetryAfter(429, false)).isEqualTo("3");
        assertThat(audit.missingRetryAfter(503, true)).isNull();
        assertThat(audit.missingRetryAfter(500, false)).isNull();
    }

    @Test
    void ordinaryStatusesAreNotCounted() {
        StatusAudit audit = audit(List.of(), false);

        audit.record(TestRequest.get("/a"), 200, false);
        audit.record(TestRequest.get("/a"), 404, false);

        assertThat(audit.statuses().values()).allMatch(n -> n == 0);
        assertThat(heard).isEmpty();
    }
}
