package dev.sluice.micrometer;

import dev.sluice.Admission;
import dev.sluice.RequestInfo;
import dev.sluice.Ticket;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.maintenance.MaintenanceRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SluiceMetricsTest {

    private final Sluice sluice = Sluice.create(SluiceConfig.builder().properties(Map.of(
            "sluice.client-limits.policies.quota.routes", "/quota",
            "sluice.client-limits.policies.quota.limits", "1/1h")).build());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static RequestInfo get(String path) {
        return new RequestInfo() {
            @Override
            public String method() {
                return "GET";
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String name) {
                return null;
            }

            @Override
            public String remoteAddress() {
                return "192.0.2.1";
            }
        };
    }

    @Test
    void rejectionsAndAuditFindingsAreCountedAndMaintenanceIsAGauge() {
        new SluiceMetrics(sluice).bindTo(registry);

        sluice.admit(get("/quota"));
        sluice.admit(get("/quota"));
        sluice.admit(get("/quota"));
        sluice.audit().record(get("/orders"), 503, false);
        sluice.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");
        sluice.admit(get("/orders"));

        assertThat(registry.get("sluice.requests.rejected").tag("reason", "rate-limited").tag("status", "429").counter().count()).isEqualTo(2);
        assertThat(registry.get("sluice.client-limits.rejected").tag("policy", "quota").counter().count()).isEqualTo(2);
        assertThat(registry.get("sluice.requests.rejected").tag("reason", "maintenance").tag("status", "503").counter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.audit.findings").tag("finding", "unavailable-without-retry-after").tag("status", "503")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.maintenance.active").gauge().value()).isEqualTo(1);
    }

    @Test
    void withSheddingOnInFlightLimitAndRefusalsByPriorityAreMeters() {
        Sluice shedding = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true",
                "sluice.shedding.limit.max", "2",
                "sluice.shedding.critical.routes", "/hello")).build());
        new SluiceMetrics(shedding).bindTo(registry);

        Admission first = shedding.admit(get("/hello"));
        shedding.admit(get("/hello"));
        shedding.admit(get("/hello"));
        shedding.admit(get("/work"));

        assertThat(registry.get("sluice.requests.inflight").gauge().value()).isEqualTo(2);
        assertThat(registry.get("sluice.shedding.limit").gauge().value()).isEqualTo(2);
        assertThat(registry.get("sluice.shedding.rejected").tag("priority", "critical").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.shedding.rejected").tag("priority", "normal").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.requests.rejected").tag("reason", "overload").counter().count()).isEqualTo(2);

        ((Admission.Admitted) first).ticket().complete(Ticket.Outcome.SUCCESS);
        assertThat(registry.get("sluice.requests.inflight").gauge().value()).isEqualTo(1);
    }

    @Test
    void withSheddingOffThereIsNoInFlightGaugeToReportAnInventedZero() {
        new SluiceMetrics(sluice).bindTo(registry);

        assertThat(registry.find("sluice.requests.inflight").gauge()).isNull();
    }

    @Test
    void requestsAnsweredWhileDrainingAreCountedByOutcome() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        Sluice draining = Sluice.create(SluiceConfig.builder().properties(Map.of("sluice.shutdown.serve-for", "1s"))
                .nanoClock(nanos::get).build());
        new SluiceMetrics(draining).bindTo(registry);
        draining.drain().begin();

        draining.admit(get("/orders"));
        nanos.addAndGet(2_000_000_000L);
        draining.admit(get("/orders"));
        draining.admit(get("/orders"));

        assertThat(registry.get("sluice.shutdown.requests").tag("outcome", "served").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.shutdown.requests").tag("outcome", "refused").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("sluice.requests.rejected").tag("reason", "shutting-down").counter().count()).isEqualTo(2);
    }
}
