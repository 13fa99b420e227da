package dev.sluice.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last shared maintenance state this instance learned, kept on local disk so that an instance started while
 * Redis is out of reach starts with it (fail-static across a restart). Written whole to a temporary file and
 * renamed over the old one, so a crash never leaves half a state; read with a bound.
 */
final class StateFile {

    private final Path file;

    StateFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** The file's text, or empty when there is none. */
    Optional<String> read() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(VersionedState.MAX_CHARS + 1); // bounded: a huge file never fills the heap
            if (bytes.length > VersionedState.MAX_CHARS) {
                throw new IOException("larger than " + VersionedState.MAX_CHARS + " bytes");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Replaces the file with {@code text} atomically (where the file system can rename atomically). */
    void write(String text) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
