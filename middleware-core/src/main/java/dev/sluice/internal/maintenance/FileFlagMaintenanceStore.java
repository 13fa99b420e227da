package dev.sluice.internal.maintenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.maintenance.MaintenanceRequest;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Maintenance switched by a file that every instance can see (a shared volume, a config map): while the
 * file exists, maintenance is on. An empty file means FULL with the configured defaults; a file holding
 * JSON in the format of {@link MaintenanceRequest} sets mode, message, end and scope ({@code duration}
 * counts from the file's modification time). Operators switch with {@code touch} / {@code rm}; the admin
 * endpoint writes and deletes the same file.
 *
 * <p>A background thread re-reads the file every poll interval (polling also works on network file
 * systems, where change notification does not). The store never shows a state that was not written:
 * <ul>
 *   <li>An editor or {@code echo > file} truncates before it writes, and an empty file means "FULL with the
 *       defaults": a poll between the two would switch the instance to a state nobody wrote. So once the
 *       flag has held content, an empty or blank flag is taken for a save in progress and never believed
 *       (and logged once if it stays so); write {@code {}} for the defaults, or remove the flag. An empty
 *       flag that appears where there was none ({@code touch}) is believed. A strict prefix of a JSON object
 *       is never valid JSON, so the rest of a half-written file keeps the last good state by itself.</li>
 *   <li>A changed file is believed only once it has stayed the same (content and modification time) for
 *       {@link #SETTLE}, re-read that long after it was first seen. This covers a new file caught between
 *       its creation and its first write; a writer that stalls longer than that there can still be seen
 *       empty. Write a temporary file and rename it over the flag (atomic), as the admin endpoint does,
 *       and no reader can ever see a partial state.</li>
 *   <li>A file that cannot be parsed, is larger than {@link #MAX_BYTES} or holds values out of bounds keeps
 *       the last good state and is reported once.</li>
 *   <li>The poller survives every failure of a read, so a bad file never stops it silently.</li>
 * </ul>
 * Writes go to a temporary file in the flag's directory, get the flag's permissions (or {@code rw-r--r--}
 * for a new flag, so other users' instances can read it), and are renamed over the flag; a flag that is a
 * symbolic link is written through the link, which stays.
 */
public final class FileFlagMaintenanceStore implements MaintenanceStore {

    /** How long a changed file must stay unchanged before it is believed. */
    public static final Duration SETTLE = Duration.ofMillis(100);
    /** The largest flag file read; a larger one is invalid (a flag holds a few hundred bytes of JSON). */
    public static final int MAX_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(FileFlagMaintenanceStore.class.getName());
    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<PosixFilePermission> NEW_FLAG_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final Read ABSENT = new Read(null, null);

    private final Path file;
    private final String defaultMessage;
    private final Duration defaultRetryAfter;
    private final long settleNanos;
    private final LongSupplier nanoClock;
    private final List<Consumer<Optional<MaintenanceState>>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile Optional<MaintenanceState> current = Optional.empty();
    // Guarded by this:
    private Read applied = ABSENT;   // what the current state was made from
    private Read candidate;          // a change seen but not yet believed, or null
    private boolean heldContent;     // whether the flag held content when last seen (see truncatedInPlace)
    private long candidateSince;     // nanoClock when the candidate was first seen
    private String lastError;

    public FileFlagMaintenanceStore(Path file, Duration pollInterval, String defaultMessage, Duration defaultRetryAfter) {
        this(file, pollInterval, defaultMessage, defaultRetryAfter, SETTLE, System::nanoTime);
    }

    /** With the settle time and the clock that measures it given, for tests that drive both. */
    FileFlagMaintenanceStore(Path file, Duration pollInterval, String defaultMessage, Duration defaultRetryAfter,
                             Duration settle, LongSupplier nanoClock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.defaultMessage = Objects.requireNonNull(defaultMessage, "defaultMessage");
        this.defaultRetryAfter = defaultRetryAfter;
        this.settleNanos = settle.toNanos();
        this.nanoClock = nanoClock;
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, but was " + pollInterval);
        }
        readAtStart();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-maintenance-file");
            t.setDaemon(true);
            return t;
        });
        long ms = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, ms, Math.max(1, ms), TimeUnit.MILLISECONDS);
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
        String content = out.toString();
        try {
            Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file; // keep a link (a config map) a link
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                keepPermissions(target, tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write maintenance flag file " + file, e);
        }
        synchronized (this) {
            // Written whole by rename: believe it at once, so the writer sees its own write.
            Read read = read();
            if (read != null && content.equals(read.content())) {
                truncatedInPlace(read); // remember the file that holds content
                apply(read);
            }
        }
    }

    @Override
    public void deactivate() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete maintenance flag file " + file, e);
        }
        synchronized (this) {
            apply(ABSENT);
        }
    }

    @Override
    public dev.sluice.store.StoreStatus status() {
        return dev.sluice.store.StoreStatus.local("file");
    }

    @Override
    public void onChange(Consumer<Optional<MaintenanceState>> listener) {
        listeners.add(listener);
    }

    /**
     * Reads the file once (the poller calls this every interval): a change is believed when it is the
     * same as the candidate seen at least {@link #SETTLE} ago; otherwise it becomes the candidate and is
     * looked at again after the settle time.
     */
    synchronized void refresh() {
        Read read = read();
        if (read == null) {
            return; // unreadable: keep the last known state
        }
        if (read.equals(applied)) {
            candidate = null;
            return;
        }
        if (truncatedInPlace(read)) {
            return; // a save in progress: the content follows; keep the last good state meanwhile
        }
        long now = nanoClock.getAsLong();
        if (read.equals(candidate) && now - candidateSince >= settleNanos) {
            apply(read);
            return;
        }
        if (!read.equals(candidate)) {
            candidate = read;
            candidateSince = now;
        }
        if (poller != null && !poller.isShutdown()) {
            poller.schedule(this::refreshQuietly, Math.max(1, TimeUnit.NANOSECONDS.toMillis(settleNanos)), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether {@code read} is a blank flag where the flag last held content: truncated by a writer that has
     * not written yet, as far as any reader can tell. Remembers what it sees, so call it for every read.
     */
    private boolean truncatedInPlace(Read read) {
        if (read.content() == null || !read.content().isBlank()) {
            heldContent = read.content() != null;
            return false;
        }
        if (heldContent) {
            reportOnce("maintenance flag file " + file + " is empty but held content before: taken for a save in progress and "
                    + "not applied; write {} for the defaults, or remove the file");
        }
        return heldContent;
    }

    /** At start there is no last good state to keep: wait until the file holds still (bounded), then believe it. */
    private synchronized void readAtStart() {
        Read read = read();
        for (int attempt = 0; read != null && read.content() != null && attempt < 20; attempt++) {
            sleep(settleNanos);
            Read again = read();
            if (read.equals(again)) {
                break;
            }
            read = again;
        }
        if (read != null) {
            truncatedInPlace(read); // remember the file that holds content
            apply(read);
        }
    }

    /** Makes {@code read} the current state, or keeps the last good one when it is not a valid flag. */
    private void apply(Read read) {
        candidate = null;
        Optional<MaintenanceState> next;
        if (read.content() == null) {
            next = Optional.empty();
        } else {
            try {
                next = Optional.of(MaintenanceRequest.parse(read.content())
                        .toState(read.modified().toInstant(), defaultMessage, defaultRetryAfter, false));
            } catch (RuntimeException e) { // invalid JSON, or a value out of bounds
                reportOnce("maintenance flag file " + file + " is invalid (" + e.getMessage() + "); keeping the last known state");
                applied = read; // do not parse the same bad content again on every poll
                return;
            }
        }
        applied = read;
        lastError = null;
        if (next.equals(current)) {
            return;
        }
        current = next;
        for (Consumer<Optional<MaintenanceState>> l : listeners) {
            l.accept(next);
        }
    }

    /** The file's content and modification time, {@link #ABSENT} when there is no file, {@code null} when unreadable. */
    private Read read() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // bounded: a huge file or a device never fills the heap
            }
            if (bytes.length > MAX_BYTES) {
                reportOnce("maintenance flag file " + file + " is larger than " + MAX_BYTES + " bytes; keeping the last known state");
                return null;
            }
            return new Read(new String(bytes, StandardCharsets.UTF_8), attributes.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException e) {
            reportOnce("cannot read maintenance flag file " + file + " (" + e + "); keeping the last known state");
            return null;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException | Error e) { // the poller must outlive any one bad read
            reportOnce("cannot refresh maintenance flag file " + file + ": " + e);
        }
    }

    private synchronized void reportOnce(String message) {
        if (!message.equals(lastError)) {
            lastError = message;
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    /** Gives the new flag the old one's permissions, or {@code rw-r--r--} (a temporary file starts as rw-------). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system
        }
        Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FLAG_PERMISSIONS;
        view.setPermissions(permissions);
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** One read of the flag: its content ({@code null}: no file) and modification time. */
    private record Read(String content, FileTime modified) {
    }
}
