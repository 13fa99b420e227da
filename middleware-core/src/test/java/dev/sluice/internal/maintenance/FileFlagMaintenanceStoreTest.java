package dev.sluice.internal.maintenance;

import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FileFlagMaintenanceStoreTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final String A = "{\"message\":\"State A\",\"scope\":[\"/a/**\"]}";
    private static final String B = "{\"mode\":\"READ_ONLY\",\"message\":\"State B\"}";
    private final List<FileFlagMaintenanceStore> stores = new ArrayList<>();

    @TempDir
    Path dir;

    private FileFlagMaintenanceStore store(Path file) {
        return store(file, POLL);
    }

    private FileFlagMaintenanceStore store(Path file, Duration poll) {
        FileFlagMaintenanceStore s = new FileFlagMaintenanceStore(file, poll, "Default message", Duration.ofMinutes(5));
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
    void aFilePresentAtStartIsInForceBeforeTheFirstRequest() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        Files.writeString(flag, A);

        assertThat(store(flag).current().map(MaintenanceState::message)).hasValue("State A");
    }

    @Test
    void anInvalidFileKeepsTheLastGoodStateAndALaterGoodOneIsBelieved() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        FileFlagMaintenanceStore store = store(flag);
        Files.writeString(flag, "{\"message\":\"Good\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().isPresent());

        Files.writeString(flag, "{\"message\": \"half-writ");
        Thread.sleep(FileFlagMaintenanceStore.SETTLE.toMillis() + POLL.toMillis() * 4); // seen, settled; must not change
        assertThat(store.current().map(MaintenanceState::message)).hasValue("Good");

        Files.writeString(flag, B);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().map(MaintenanceState::message).equals(Optional.of("State B")));
    }

    /**
     * The moment an in-place edit is half done, made deterministic: the poll that lands between truncating
     * and writing reads an empty file, which on its own would mean "FULL with the defaults". However long
     * the writer takes, the truncated file is never believed; what it writes next is, once settled.
     */
    @Test
    void aPollBetweenTruncatingAndWritingNeverShowsTheEmptyFile() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        Files.writeString(flag, A);
        AtomicLong nanos = new AtomicLong();
        FileFlagMaintenanceStore store = manualStore(flag, nanos);
        List<String> seen = new CopyOnWriteArrayList<>();
        store.onChange(s -> seen.add(s.map(MaintenanceState::message).orElse("off")));

        Files.writeString(flag, "", StandardOpenOption.TRUNCATE_EXISTING); // the editor has truncated...
        for (int i = 0; i < 3; i++) {
            store.refresh();
            nanos.addAndGet(Duration.ofMinutes(1).toNanos()); // ...and stalls, a long time
        }
        assertThat(store.current().map(MaintenanceState::message)).as("mid-edit").hasValue("State A");
        Files.writeString(flag, B, StandardOpenOption.TRUNCATE_EXISTING); // ...and writes
        store.refresh();
        assertThat(store.current().map(MaintenanceState::message)).as("not settled yet").hasValue("State A");
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        store.refresh();

        assertThat(store.current().map(MaintenanceState::message)).hasValue("State B");
        assertThat(seen).containsExactly("State B");
    }

    @Test
    void aFlagThatHeldJsonGoesBackToTheDefaultsWithAnEmptyObjectOrThroughRemoval() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        Files.writeString(flag, A);
        AtomicLong nanos = new AtomicLong();
        FileFlagMaintenanceStore store = manualStore(flag, nanos);

        Files.delete(flag); // rm, then touch, faster than any poll: indistinguishable from a truncation
        Files.createFile(flag);
        settle(store, nanos);
        assertThat(store.current().map(MaintenanceState::message)).hasValue("State A");

        Files.writeString(flag, "{}");
        settle(store, nanos);
        assertThat(store.current().map(MaintenanceState::message)).hasValue("Default message");

        Files.delete(flag); // rm, seen by a poll, then touch
        settle(store, nanos);
        assertThat(store.current()).isEmpty();
        Files.createFile(flag);
        settle(store, nanos);
        assertThat(store.current().map(MaintenanceState::message)).hasValue("Default message");
    }

    private static void settle(FileFlagMaintenanceStore store, AtomicLong nanos) {
        store.refresh();
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        store.refresh();
    }

    /** A store that reads only when the test calls {@code refresh()}, with a settle time measured by {@code nanos}. */
    private FileFlagMaintenanceStore manualStore(Path flag, AtomicLong nanos) {
        FileFlagMaintenanceStore store = new FileFlagMaintenanceStore(flag, Duration.ofHours(1), "Default message", null,
                Duration.ofMillis(100), nanos::get);
        stores.add(store);
        return store;
    }

    @Test
    void aFileRewrittenInPlaceThousandsOfTimesOnlyEverShowsWhatWasWritten() throws Exception {
        assertOnlyWrittenStatesAreSeen((flag, content) -> Files.writeString(flag, content, StandardCharsets.UTF_8));
    }

    @Test
    void aFileReplacedByRenameThousandsOfTimesOnlyEverShowsWhatWasWritten() throws Exception {
        Path tmp = dir.resolve("maintenance.json.tmp");
        assertOnlyWrittenStatesAreSeen((flag, content) -> {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, flag, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    @Test
    void aFileWrittenInTwoHalvesThousandsOfTimesOnlyEverShowsWhatWasWritten() throws Exception {
        assertOnlyWrittenStatesAreSeen((flag, content) -> {
            try (OutputStream out = Files.newOutputStream(flag)) { // truncates, as an editor saving in place does
                byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            }
        });
    }

    private interface Writer {
        void write(Path flag, String content) throws IOException;
    }

    /**
     * A writer thread rewrites the flag 3,000 times (A and B in turn) while the store polls every
     * millisecond; every state the store ever shows must be one that was written, and it ends on the last.
     */
    private void assertOnlyWrittenStatesAreSeen(Writer writer) throws Exception {
        Path flag = dir.resolve("maintenance.json");
        Files.writeString(flag, A);
        FileFlagMaintenanceStore store = store(flag, Duration.ofMillis(1));
        List<String> seen = new CopyOnWriteArrayList<>();
        store.onChange(s -> seen.add(s.map(MaintenanceState::message).orElse("off")));
        assertThat(store.current().map(MaintenanceState::message)).hasValue("State A");

        for (int i = 0; i < 3000; i++) {
            writer.write(flag, i % 2 == 0 ? B : A);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().map(MaintenanceState::message).equals(Optional.of("State A")));
        assertThat(seen).as("states the store showed while the file was rewritten").allMatch(m -> m.equals("State A") || m.equals("State B"));
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAllAndThePollerGoesOn() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        Files.writeString(flag, A);
        FileFlagMaintenanceStore store = store(flag);

        Files.writeString(flag, "{\"message\":\"" + "x".repeat(FileFlagMaintenanceStore.MAX_BYTES) + "\"}");
        Thread.sleep(FileFlagMaintenanceStore.SETTLE.toMillis() + POLL.toMillis() * 4);
        assertThat(store.current().map(MaintenanceState::message)).hasValue("State A");

        Files.writeString(flag, B);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().map(MaintenanceState::message).equals(Optional.of("State B")));
    }

    @Test
    void valuesThatCannotBeAppliedKeepTheLastGoodStateAndNeverStopStartUp() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        Files.writeString(flag, "{\"duration\":\"PT5000000000000H\"}");

        FileFlagMaintenanceStore store = store(flag);

        assertThat(store.current()).as("started, with the bad flag ignored").isEmpty();
        Files.writeString(flag, A);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.current().isPresent());
    }

    @Test
    void theAdminsRewriteKeepsTheFlagsPermissionsAndANewFlagIsReadableByOthers() throws Exception {
        Path flag = dir.resolve("maintenance.json");
        FileFlagMaintenanceStore store = store(flag);

        store.activate(state("Fresh"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(flag))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(flag, PosixFilePermissions.fromString("rw-rw----"));
        store.activate(state("Again"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(flag))).isEqualTo("rw-rw----");
    }

    @Test
    void aSymlinkedFlagIsWrittenThroughTheLinkWhichStays() throws Exception {
        Path data = Files.createDirectory(dir.resolve("..data"));
        Path target = data.resolve("maintenance.json");
        Files.writeString(target, A);
        Path flag = Files.createSymbolicLink(dir.resolve("maintenance.json"), target);
        FileFlagMaintenanceStore store = store(flag);
        assertThat(store.current().map(MaintenanceState::message)).hasValue("State A");

        store.activate(state("Through the link"));

        assertThat(Files.isSymbolicLink(flag)).isTrue();
        assertThat(Files.readString(target)).contains("Through the link");
        assertThat(store.current().map(MaintenanceState::message)).hasValue("Through the link");
        try (var leftovers = Files.list(data)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("maintenance.json");
        }
    }

    @Test
    void whatOneInstanceWritesAnotherWatchingTheSameFileSees() {
        Path flag = dir.resolve("shared").resolve("maintenance.json");
        FileFlagMaintenanceStore writer = store(flag);
        FileFlagMaintenanceStore reader = store(flag);
        List<Optional<MaintenanceState>> seen = new CopyOnWriteArrayList<>();
        reader.onChange(seen::add);
        Instant end = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        writer.activate(new MaintenanceState(MaintenanceMode.FULL, "Fleet-wide", Instant.now(), end,
                dev.sluice.internal.http.PathPatterns.none(), null));
        assertThat(writer.current()).as("the writer sees its own write at once").isPresent();

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.current().isPresent());
        assertThat(reader.current().orElseThrow().until()).isEqualTo(end);
        assertThat(seen).isNotEmpty();

        writer.deactivate();
        assertThat(Files.exists(flag)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.current().isEmpty());
    }

    private static MaintenanceState state(String message) {
        return new MaintenanceState(MaintenanceMode.FULL, message, Instant.now(), null, dev.sluice.internal.http.PathPatterns.none(), null);
    }
}
