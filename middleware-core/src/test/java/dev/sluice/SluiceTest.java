package dev.sluice;

import dev.sluice.event.MaintenanceChanged;
import dev.sluice.event.RequestRejected;
import dev.sluice.event.SluiceListener;
import dev.sluice.maintenance.MaintenanceRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class SluiceTest {

    private static final String SECRET = "a-bypass-secret-of-some-length";

    private final Sluice sluice = Sluice.create(SluiceConfig.builder()
            .exemptPaths(List.of("/health/**"))
            .bypassSecret(SECRET)
            .build());

    @Test
    void anOrdinaryRequestWithMaintenanceOffIsAdmittedWithTheSharedAdmission() {
        assertThat(sluice.admit(TestRequest.get("/orders"))).isSameAs(Admission.Admitted.WITHOUT_PERMIT);
    }

    @Test
    void maintenanceRefusesButExemptPathsPass() {
        sluice.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");

        assertThat(sluice.admit(TestRequest.get("/orders"))).isInstanceOf(Admission.Rejected.class);
        assertThat(sluice.admit(TestRequest.get("/health/ready"))).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void noSpellingOfAPathMakesItExemptAndAnAmbiguousOneIs400() {
        sluice.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");

        for (String spelling : List.of("/health/../orders", "/health/%2e%2e/orders", "/health/..;/orders", "/%68ealth/../orders")) {
            assertThat(sluice.admit(TestRequest.get(spelling))).as(spelling).isInstanceOfSatisfying(Admission.Rejected.class,
                    r -> assertThat(r.rejection().reason()).isEqualTo(RejectionReason.MAINTENANCE));
        }
        for (String spelling : List.of("/health/ready;x", "/%68ealth/ready", "//health/ready/", "/x/../health/ready")) {
            assertThat(sluice.admit(TestRequest.get(spelling))).as(spelling).isInstanceOf(Admission.Admitted.class);
        }
        for (String ambiguous : List.of("/health%2F..%2F..%2Forders", "/../health/ready", "/health/ready%00")) {
            assertThat(sluice.admit(TestRequest.get(ambiguous))).as(ambiguous).isInstanceOfSatisfying(Admission.Rejected.class,
                    r -> assertThat(r.rejection().status()).isEqualTo(400));
        }
    }

    @Test
    void aListenerThatThrowsNeverFailsTheRequestItWasToldAbout() {
        sluice.addListener(new SluiceListener() {
            @Override
            public void onRequestRejected(RequestRejected event) {
                throw new IllegalStateException("a metrics listener with a bug");
            }
        });
        sluice.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");

        assertThat(sluice.admit(TestRequest.get("/orders"))).isInstanceOf(Admission.Rejected.class);
    }

    @Test
    void theAdminPathsAreExemptBeforeAnythingIsCounted() {
        Sluice s = Sluice.create(SluiceConfig.builder().adminPath("/ops/maintenance").sheddingEnabled(true).sheddingLimitMax(1).build());
        List<RequestRejected> rejected = new CopyOnWriteArrayList<>();
        s.addListener(new SluiceListener() {
            @Override
            public void onRequestRejected(RequestRejected event) {
                rejected.add(event);
            }
        });
        s.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");

        assertThat(s.admit(TestRequest.get("/ops/maintenance"))).isSameAs(Admission.Admitted.WITHOUT_PERMIT);
        assertThat(s.admit(TestRequest.get("/ops/dependencies/payments"))).isSameAs(Admission.Admitted.WITHOUT_PERMIT);
        assertThat(s.admit(TestRequest.get("/ops/%6Daintenance"))).isSameAs(Admission.Admitted.WITHOUT_PERMIT);
        assertThat(rejected).isEmpty();
        assertThat(s.shedding().orElseThrow().inFlight()).isZero();
    }

    @Test
    void theBypassUrlIsAnsweredBySluiceItselfWhileMaintenanceIsOn() {
        assertThat(sluice.admit(TestRequest.get("/_sluice/bypass/" + SECRET))).as("maintenance off: an ordinary request")
                .isInstanceOf(Admission.Admitted.class);
        sluice.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");

        Admission a = sluice.admit(TestRequest.get("/_sluice/bypass/" + SECRET));

        assertThat(a).isInstanceOfSatisfying(Admission.Answered.class, x -> assertThat(x.response().status()).isEqualTo(303));
    }

    @Test
    void listenersHearOfRejectionsAndMaintenanceChanges() {
        List<Object> events = new CopyOnWriteArrayList<>();
        sluice.addListener(new SluiceListener() {
            @Override
            public void onMaintenanceChanged(MaintenanceChanged event) {
                events.add(event);
            }

            @Override
            public void onRequestRejected(RequestRejected event) {
                events.add(event);
            }
        });

        sluice.admin().maintenanceOn(MaintenanceRequest.parse("{}"), "test");
        sluice.admit(TestRequest.get("/orders"));
        sluice.admin().maintenanceOff("test");

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(MaintenanceChanged.class, e -> assertThat(e.current()).isPresent());
        assertThat(events.get(1)).isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.path()).isEqualTo("/orders"));
        assertThat(events.get(2)).isInstanceOfSatisfying(MaintenanceChanged.class, e -> assertThat(e.current()).isEmpty());
    }

    @Test
    void disabledSluiceLetsEverythingPass() {
        Sluice off = Sluice.create(SluiceConfig.builder().enabled(false).maintenanceEnabled(true).build());

        assertThat(off.admit(TestRequest.get("/orders"))).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void maintenanceConfiguredOnAtStartIsOn() {
        Sluice on = Sluice.create(SluiceConfig.builder().maintenanceEnabled(true).build());

        assertThat(on.admit(TestRequest.get("/orders"))).isInstanceOf(Admission.Rejected.class);
    }

    @Test
    void cookiesAreReadFromTheCookieHeader() {
        TestRequest r = TestRequest.get("/").header("Cookie", "a=1; sluice_bypass=\"xyz\" ;b=2");

        assertThat(r.cookie("sluice_bypass")).isEqualTo("xyz");
        assertThat(r.cookie("b")).isEqualTo("2");
        assertThat(r.cookie("missing")).isNull();
    }
}
