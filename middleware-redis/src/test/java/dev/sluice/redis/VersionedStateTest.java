package dev.sluice.redis;

import dev.sluice.internal.http.PathPatterns;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionedStateTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void aStateReadsBackAsWritten() {
        MaintenanceState on = new MaintenanceState(MaintenanceMode.READ_ONLY, "upgrade", NOW, NOW.plusSeconds(600),
                PathPatterns.of(List.of("/payments/**")), Duration.ofMinutes(5));
        VersionedState written = new VersionedState(1_767_225_600_000L, Optional.of(on));

        VersionedState read = parse(written.toJson());

        assertThat(read).isEqualTo(written);
        assertThat(parse(new VersionedState(7, Optional.empty()).toJson())).isEqualTo(new VersionedState(7, Optional.empty()));
    }

    @Test
    void aStateWrittenWithoutMessageOrEstimateGetsTheDefaults() {
        VersionedState read = parse("{\"version\":3,\"maintenance\":{}}");

        assertThat(read.state()).hasValueSatisfying(s -> {
            assertThat(s.message()).isEqualTo("default message");
            assertThat(s.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(s.since()).isEqualTo(NOW);
        });
    }

    @Test
    void membersALaterVersionAddsAreIgnored() {
        assertThat(parse("{\"writer\":{\"host\":\"a\"},\"version\":3,\"maintenance\":null}").version()).isEqualTo(3);
    }

    @Test
    void anythingElseIsRefusedNamingWhatIsWrong() {
        assertInvalid("", "empty");
        assertInvalid("off", "not valid JSON");
        assertInvalid("[]", "not a JSON object");
        assertInvalid("{\"version\":3}", "required");
        assertInvalid("{\"maintenance\":null}", "required");
        assertInvalid("{\"version\":0,\"maintenance\":null}", "between 1 and");
        assertInvalid("{\"version\":9007199254740992,\"maintenance\":null}", "between 1 and");
        assertInvalid("{\"version\":123456789012345678901234,\"maintenance\":null}", "integer");
        assertInvalid("{\"version\":1.5,\"maintenance\":null}", "integer");
        assertInvalid("{\"version\":\"3\",\"maintenance\":null}", "integer");
        assertInvalid("{\"version\":3,\"maintenance\":\"FULL\"}", "object or null");
        assertInvalid("{\"version\":3,\"maintenance\":{\"mode\":\"SOMETIMES\"}}", "mode");
        assertInvalid("{\"version\":3,\"maintenance\":{\"until\":\"+999999999-12-31T23:59:59Z\"}}", "until");
        assertInvalid("{\"version\":3,\"maintenance\":{\"until\":\"2030-01-01T00:00:00Z\"}}", "within 366 days");
        assertInvalid("{\"version\":3,\"maintenance\":{\"retryAfter\":\"PT-5M\"}}", "retryAfter");
        assertInvalid("{\"version\":3,\"maintenance\":null} {}", "single JSON object");
        assertInvalid("{\"version\":3,\"maintenance\":{\"message\":\"" + "x".repeat(VersionedState.MAX_CHARS) + "\"}}", "longer than");
    }

    private static VersionedState parse(String json) {
        return VersionedState.parse(json, NOW, "default message", Duration.ofMinutes(1));
    }

    private static void assertInvalid(String json, String says) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(says);
    }
}
