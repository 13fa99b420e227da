package dev.sluice.internal.shutdown;

import dev.sluice.Admission;
import dev.sluice.RejectionReason;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.SluiceConfigException;
import dev.sluice.TestRequest;
import dev.sluice.Ticket;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.shutdown.ShutdownConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONTRACT §11 in the core, on a clock the test moves: the phases a draining instance goes through. */
class ShutdownDrainTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private Sluice sluice(String serveFor, String refuseFor) {
        return Sluice.create(SluiceConfig.builder()
                .properties(Map.of("sluice.shutdown.serve-for", serveFor, "sluice.shutdown.refuse-for", refuseFor,
                        "sluice.exempt-paths", "/health/**", "sluice.shedding.enabled", "true", "sluice.shedding.limit.max", "4"))
                .adminToken("admin-token-0123456789").nanoClock(nanos::get).build());
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void whileRunningNothingChanges() {
        try (Sluice s = sluice("1s", "3s")) {
            Admission a = s.admit(TestRequest.get("/orders"));

            assertThat(a).isInstanceOf(Admission.Admitted.class);
            assertThat(((Admission.Admitted) a).headers()).doesNotContainKey("Connection");
            assertThat(s.drain().phase()).isEqualTo(ShutdownDrain.Phase.RUNNING);
            ((Admission.Admitted) a).ticket().complete(Ticket.Outcome.SUCCESS);
        }
    }

    @Test
    void inTheServeWindowRequestsAreServedWithConnectionClose() {
        try (Sluice s = sluice("1s", "3s")) {
            s.drain().begin();
            advance(Duration.ofMillis(900));

            Admission a = s.admit(TestRequest.get("/orders"));

            assertThat(a).isInstanceOf(Admission.Admitted.class);
            assertThat(((Admission.Admitted) a).headers()).containsEntry("Connection", "close");
            assertThat(s.shedding().orElseThrow().snapshot().inFlight()).as("the permit is still taken").isEqualTo(1);
            ((Admission.Admitted) a).ticket().complete(Ticket.Outcome.SUCCESS);
            assertThat(s.shedding().orElseThrow().snapshot().inFlight()).isZero();
            assertThat(s.drain().counts().served()).isEqualTo(1);
        }
    }

    @Test
    void afterTheServeWindowNewRequestsGet503ShuttingDownWithAJitteredRetryAfterAndConnectionClose() {
        try (Sluice s = sluice("1s", "3s")) {
            s.drain().begin();
            advance(Duration.ofSeconds(1));

            for (int i = 0; i < 50; i++) {
                Admission a = s.admit(TestRequest.get("/orders"));
                assertThat(a).isInstanceOf(Admission.Rejected.class);
                var r = ((Admission.Rejected) a).rejection();
                assertThat(r.reason()).isEqualTo(RejectionReason.SHUTTING_DOWN);
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.retryAfter().seconds()).isBetween(1L, 3L);
                RenderedResponse rendered = s.renderer().render(r, TestRequest.get("/orders").header("Accept", "application/json"));
                assertThat(rendered.header("Connection")).isEqualTo("close");
                assertThat(rendered.header("Cache-Control")).isEqualTo("no-store");
                assertThat(new String(rendered.body())).contains("shutting-down");
            }
            assertThat(s.drain().counts().refused()).isEqualTo(50);
        }
    }

    @Test
    void theRetryAfterIsJitteredNotOneValueForEveryone() {
        try (Sluice s = sluice("0", "3s")) {
            s.drain().begin();

            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < 200; i++) {
                seen.add(((Admission.Rejected) s.admit(TestRequest.get("/orders"))).rejection().retryAfter().seconds());
            }

            assertThat(seen).containsExactlyInAnyOrder(1L, 2L, 3L);
        }
    }

    @Test
    void exemptAndAdminPathsKeepAnsweringThroughoutSoLivenessStaysUp() {
        try (Sluice s = sluice("0", "3s")) {
            s.drain().begin();
            advance(Duration.ofSeconds(10));

            Admission health = s.admit(TestRequest.get("/health/live"));
            Admission admin = s.admit(TestRequest.get("/admin/maintenance"));

            assertThat(health).isInstanceOf(Admission.Admitted.class);
            assertThat(((Admission.Admitted) health).headers()).containsEntry("Connection", "close");
            assertThat(admin).isInstanceOf(Admission.Admitted.class);
        }
    }

    @Test
    void aRequestAdmittedBeforeTheDrainFinishesAndGivesItsPermitBack() {
        try (Sluice s = sluice("0", "3s")) {
            Admission.Admitted before = (Admission.Admitted) s.admit(TestRequest.get("/orders"));
            s.drain().begin();

            before.ticket().complete(Ticket.Outcome.SUCCESS);

            assertThat(s.shedding().orElseThrow().snapshot().inFlight()).isZero();
        }
    }

    @Test
    void otherRefusalsDuringTheServeWindowCloseTheConnectionToo() {
        try (Sluice s = sluice("5s", "3s")) {
            s.admin().maintenanceOn(dev.sluice.maintenance.MaintenanceRequest.parse("{}"), "test");
            s.drain().begin();

            Admission a = s.admit(TestRequest.get("/orders"));

            assertThat(((Admission.Rejected) a).rejection().reason()).isEqualTo(RejectionReason.MAINTENANCE);
            assertThat(((Admission.Rejected) a).rejection().headers()).containsEntry("Connection", "close");
        }
    }

    @Test
    void theAdminStateSaysDraining() {
        try (Sluice s = sluice("0", "3s")) {
            assertThat(s.admin().state().toJson()).contains("\"shutdown\":{\"draining\":false}");
            s.drain().begin();

            assertThat(s.admin().state().toJson()).contains("\"shutdown\":{\"draining\":true,\"since\":\"");
            assertThat(s.drain().begin()).as("a second begin changes nothing").isFalse();
        }
    }

    @Test
    void durationsAreCheckedNamingTheProperty() {
        assertThatThrownBy(() -> SluiceConfig.builder().properties(Map.of("sluice.shutdown.refuse-for", "soon")).build())
                .isInstanceOf(SluiceConfigException.class).hasMessageContaining("sluice.shutdown.refuse-for");
        assertThatThrownBy(() -> SluiceConfig.builder().properties(Map.of("sluice.shutdown.retry-after", "0")).build())
                .isInstanceOf(SluiceConfigException.class).hasMessageContaining("sluice.shutdown.retry-after");
        assertThat(SluiceConfig.builder().properties(Map.of("sluice.shutdown.refuse-for", "0", "sluice.shutdown.serve-for", "0s"))
                .build().shutdown().window()).isZero();
        assertThat(List.of(ShutdownConfig.defaults().serveFor(), ShutdownConfig.defaults().refuseFor()))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(2));
    }
}
