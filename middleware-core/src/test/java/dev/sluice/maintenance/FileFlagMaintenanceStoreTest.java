package dev.sluice.maintenance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FileFlagMaintenanceStoreTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private final List<FileFlagMaintenanceStore> stores = new ArrayList<>();

    @TempDir
    Path dir;

    private FileFlagMaintenanceStore store(Path file) {
        FileFlagMaintenanceStore s = new FileFlagMaintenanceStore(file, POLL, "Default message", Duration.ofMinutes(5));
        stores.add(s);
        return s;
    }

    @AfterEach
    void close() {
        stores.forEach(FileFlagMaintenanceStore::close);
    }

    @Test
    void touchingTheFileSwitchesMaintenanceOnWithTheDefaultsAndDeletingItSwitchesItOff() throws Exception {
        Path flag = dir.resolve("maintenance");
        FileFlagMaintenanceStore store = store(flag);
        assertThat(store.current()).isEmpty();

        Files.createFile(flag);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().isPresent());
        MaintenanceState s = store.current().orElseThrow();
        assertThat(s.mode()).isEqualTo(MaintenanceMode.FULL);
        assertThat(s.message()).isEqualTo("Default message");
        assertThat(s.retryAfter()).isEqualTo(Duration.ofMinutes(5));

        Files.delete(flag);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().isEmpty());
    }

    @Test
    void jsonInTheFileSetsModeMessageAndScope() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        FileFlagMaintenanceStore store = store(flag);

        Files.writeString(flag, "{\"mode\":\"READ_ONLY\",\"message\":\"Migrating\",\"scope\":[\"/orders/**\"]}");

        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().isPresent());
        MaintenanceState s = store.current().orElseThrow();
        assertThat(s.mode()).isEqualTo(MaintenanceMode.READ_ONLY);
        assertThat(s.message()).isEqualTo("Migrating");
        assertThat(s.scope().asStrings()).containsExactly("/orders/**");
    }

    @Test
    void anInvalidFileKeepsTheLastGoodState() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        FileFlagMaintenanceStore store = store(flag);
        Files.writeString(flag, "{\"message\":\"Good\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().isPresent());

        Files.writeString(flag, "{\"message\": \"half-writ");
        Thread.sleep(POLL.toMillis() * 4); // let the watcher see it; the state must not change

        assertThat(store.current().map(MaintenanceState::message)).hasValue("Good");
    }

    @Test
    void whatOneInstanceWritesAnotherWatchingTheSameFileSees() {
        Path flag = dir.resolve("shared").resolve("maintenance.json");
        FileFlagMaintenanceStore writer = store(flag);
        FileFlagMaintenanceStore reader = store(flag);
        List<Optional<MaintenanceState>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        reader.onChange(seen::add);
        Instant end = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        writer.activate(new MaintenanceState(MaintenanceMode.FULL, "Fleet-wide", Instant.now(), end,
                dev.sluice.http.PathPatterns.none(), null));
        assertThat(writer.current()).as("the writer sees its own write at once").isPresent();

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.current().isPresent());
        assertThat(reader.current().orElseThrow().until()).isEqualTo(end);
        assertThat(seen).isNotEmpty();

        writer.deactivate();
        assertThat(Files.exists(flag)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.current().isEmpty());
    }
}
