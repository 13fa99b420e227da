package dev.sluice.maintenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Maintenance switched by a file that every instance can see (a shared volume, a config map): while the
 * file exists, maintenance is on. An empty file means FULL with the configured defaults; a file holding
 * JSON in the format of {@link MaintenanceRequest} sets mode, message, end and scope ({@code duration}
 * counts from the file's modification time). Operators switch with {@code touch} / {@code rm}; the admin
 * endpoint writes and deletes the same file.
 *
 * <p>A background thread re-reads the file every poll interval (polling also works on network file
 * systems, where change notification does not). A file that cannot be parsed keeps the last good state
 * and is reported once, so a half-written edit never drops an instance out of maintenance.
 */
public final class FileFlagMaintenanceStore implements MaintenanceStore {

    private static final System.Logger LOG = System.getLogger(FileFlagMaintenanceStore.class.getName());
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final String defaultMessage;
    private final Duration defaultRetryAfter;
    private final List<Consumer<Optional<MaintenanceState>>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile Optional<MaintenanceState> current = Optional.empty();
    private String lastContent; // null: no file; guarded by this
    private String lastError;   // guarded by this

    public FileFlagMaintenanceStore(Path file, Duration pollInterval, String defaultMessage, Duration defaultRetryAfter) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.defaultMessage = Objects.requireNonNull(defaultMessage, "defaultMessage");
        this.defaultRetryAfter = defaultRetryAfter;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, but was " + pollInterval);
        }
        refresh();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-maintenance-file");
            t.setDaemon(true);
            return t;
        });
        long ms = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<MaintenanceState> current() {
        return current;
    }

    @Override
    public void activate(MaintenanceState state) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            MaintenanceJson.writeMembers(state, g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write maintenance flag file " + file, e);
        }
        refresh();
    }

    @Override
    public void deactivate() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete maintenance flag file " + file, e);
        }
        refresh();
    }

    @Override
    public void onChange(Consumer<Optional<MaintenanceState>> listener) {
        listeners.add(listener);
    }

    /** Reads the file now; called by the poller, and after every write so the writer sees it at once. */
    synchronized void refresh() {
        String content;
        Instant modified;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException e) {
            content = null;
            modified = null;
        } catch (IOException e) {
            reportOnce("cannot read maintenance flag file " + file + " (" + e + "); keeping the last known state");
            return;
        }
        if (Objects.equals(content, lastContent)) {
            return;
        }
        Optional<MaintenanceState> next;
        if (content == null) {
            next = Optional.empty();
        } else {
            try {
                next = Optional.of(MaintenanceRequest.parse(content).toState(modified, defaultMessage, defaultRetryAfter, false));
            } catch (InvalidMaintenanceRequestException e) {
                reportOnce("maintenance flag file " + file + " is invalid (" + e.getMessage() + "); keeping the last known state");
                return;
            }
        }
        lastContent = content;
        lastError = null;
        current = next;
        for (Consumer<Optional<MaintenanceState>> l : listeners) {
            l.accept(next);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            reportOnce("cannot refresh maintenance flag file " + file + ": " + e);
        }
    }

    private synchronized void reportOnce(String message) {
        if (!message.equals(lastError)) {
            lastError = message;
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
