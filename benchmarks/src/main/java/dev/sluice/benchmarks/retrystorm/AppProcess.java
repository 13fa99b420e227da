package dev.sluice.benchmarks.retrystorm;

import dev.sluice.benchmarks.overload.OverloadApp;
import dev.sluice.benchmarks.overload.Variant;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The overload experiment's pool-bound app ({@link OverloadApp}: {@code /work?ms=50} on W workers) in a JVM of its
 * own, so that the clients and the server share no heap, no GC and no backlog between runs. It speaks
 * {@link OverloadApp}'s stdin protocol: {@code reset} opens the window, {@code stats} reports it.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final int port;

    private AppProcess(Process process) throws Exception {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the app is gone
            }
        }, "app-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = next("READY", 30);
        this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    static AppProcess start(Variant server, int workers, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                OverloadApp.class.getName(), "--variant", server.id(), "--workers", Integer.toString(workers),
                "--parallelism", Integer.toString(workers)));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            return new AppProcess(p);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("the " + server.id() + " app did not start; see " + log + ":\n"
                    + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
    }

    void send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The counters the app printed after a {@code stats} command: since the last {@code reset}. */
    Map<String, String> readStats() throws Exception {
        String line = next("STATS", 10);
        Map<String, String> out = new LinkedHashMap<>();
        Arrays.stream(line.substring("STATS ".length()).trim().split("\\s+")).map(kv -> kv.split("=", 2))
                .forEach(kv -> out.put(kv[0], kv[1]));
        return out;
    }

    private String next(String prefix, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("no " + prefix + " line from the app within " + seconds + " s"
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
