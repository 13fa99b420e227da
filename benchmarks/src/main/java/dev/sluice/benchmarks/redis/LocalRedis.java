package dev.sluice.benchmarks.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} for one benchmark trial (the Debian package): on a free loopback port, in a temporary
 * directory, persisting nothing; stopped at the trial's end or, at the latest, when the forked JVM exits. (The
 * benchmarks do not depend on the test kit's {@code RedisServer}, so this is its small start-and-stop part.)
 */
final class LocalRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread stopAtExit;

    private LocalRedis(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.stopAtExit = new Thread(process::destroyForcibly, "stop-redis-server");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    static LocalRedis start() {
        try {
            Path dir = Files.createTempDirectory("sluice-bench-redis-");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--loglevel", "warning"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            LocalRedis redis = new LocalRedis(dir, port, p);
            redis.awaitPong();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (install the Debian package redis-server)", e);
        }
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** The server's temporary directory, removed by {@link #close()}. */
    Path directory() {
        return dir;
    }

    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("redis-server did not answer PING within 10 s");
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
