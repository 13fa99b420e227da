package dev.sluice.maintenance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaintenanceRequestTest {

    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    private MaintenanceState state(String json) {
        return MaintenanceRequest.parse(json).toState(now, "default message", Duration.ofMinutes(5), true);
    }

    private static void assertField(String json, String field, Instant now) {
        assertThatThrownBy(() -> MaintenanceRequest.parse(json).toState(now, "m", null, true))
                .isInstanceOf(InvalidMaintenanceRequestException.class)
                .satisfies(e -> assertThat(((InvalidMaintenanceRequestException) e).field()).isEqualTo(field));
    }

    @Test
    void everyMemberIsRead() {
        MaintenanceState s = state("{\"mode\":\"READ_ONLY\",\"message\":\"Upgrading\",\"until\":\"2026-11-24T11:00:00Z\","
                + "\"scope\":[\"/payments/**\"],\"retryAfter\":\"PT10M\"}");

        assertThat(s.mode()).isEqualTo(MaintenanceMode.READ_ONLY);
        assertThat(s.message()).isEqualTo("Upgrading");
        assertThat(s.since()).isEqualTo(now);
        assertThat(s.until()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
        assertThat(s.scope().asStrings()).containsExactly("/payments/**");
        assertThat(s.retryAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anEmptyBodyMeansFullWithTheDefaults() {
        MaintenanceState s = state("");

        assertThat(s.mode()).isEqualTo(MaintenanceMode.FULL);
        assertThat(s.message()).isEqualTo("default message");
        assertThat(s.until()).isNull();
        assertThat(s.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.scope().isEmpty()).isTrue();
    }

    @Test
    void aDurationEndsThatLongFromNow() {
        assertThat(state("{\"duration\":\"PT30M\"}").until()).isEqualTo(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    void badInputNamesTheField() {
        assertField("{\"mode\":", "body", now);
        assertField("[1,2]", "body", now);
        assertField("{\"mode\":\"PARTIAL\"}", "mode", now);
        assertField("{\"mode\":3}", "mode", now);
        assertField("{\"until\":\"tomorrow\"}", "until", now);
        assertField("{\"until\":\"2026-11-24T09:59:59Z\"}", "until", now);
        assertField("{\"duration\":\"-PT5M\"}", "duration", now);
        assertField("{\"duration\":\"PT0S\"}", "duration", now);
        assertField("{\"until\":\"2026-11-24T11:00:00Z\",\"duration\":\"PT5M\"}", "duration", now);
        assertField("{\"scope\":\"/a\"}", "scope", now);
        assertField("{\"scope\":[\"no-slash\"]}", "scope", now);
        assertField("{\"mood\":\"FULL\"}", "mood", now);
        assertField("{} {}", "body", now);
    }

    @Test
    void anEndThatHasPassedIsAcceptedWhereItOnlyMeansMaintenanceIsOver() {
        MaintenanceState s = MaintenanceRequest.parse("{\"until\":\"2020-01-01T00:00:00Z\"}").toState(now, "m", null, false);

        assertThat(s.activeAt(now.toEpochMilli())).isFalse();
    }

    @Test
    void modesAreReadInAnyCase() {
        assertThat(state("{\"mode\":\"read-only\"}").mode()).isEqualTo(MaintenanceMode.READ_ONLY);
    }
}
