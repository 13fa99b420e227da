package dev.sluice.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Redis's {@code MONITOR} on a socket of its own: every command Redis runs, as Redis prints it, to count what clients
 * send (lines from scripts are marked {@code [<db> lua]} and are not round trips).
 */
final class Monitor implements AutoCloseable {

    private final Socket socket = new Socket();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    Monitor(int port) {
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (!"+OK".equals(in.readLine())) {
                throw new IllegalStateException("MONITOR refused");
            }
            Thread reader = new Thread(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // closed
                }
            }, "redis-monitor");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commands clients sent (not from scripts, not heartbeats) naming {@code key}, so far. */
    List<String> sentFor(String key) {
        return lines.stream().filter(l -> !l.contains(" lua] ") && l.contains("\"" + key + "\"")).toList();
    }

    void clear() {
        lines.clear();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }
}
