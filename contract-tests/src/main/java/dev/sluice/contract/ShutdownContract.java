package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §11, draining on shutdown, stated once for every adapter. The adapter's test starts a fresh app for
 * each test with {@link #PROPERTIES} (a 2 s serve window, then 3 s of refusals) and stops it the way its platform
 * does on SIGTERM. While it stops, a long request admitted before must end 200, new requests must be served with
 * {@code Connection: close} in the serve window and refused 503 {@code shutting-down} with a Retry-After and
 * {@code Connection: close} after it, the server must really close each connection, none may be reset or refused
 * before the windows end, readiness must turn down at once and liveness stay up.
 */
public interface ShutdownContract {

    /** The drain settings the app must run with under this contract (besides {@link ContractSettings}). */
    Map<String, String> PROPERTIES = Map.of("sluice.shutdown.serve-for", "2s", "sluice.shutdown.refuse-for", "3s",
            "sluice.shutdown.retry-after", "3s");

    /** The app under test, started for this test only. */
    AppUnderTest app();

    /** Asks the app to stop as its platform does on SIGTERM, without waiting for it (returns at once). */
    void requestStop() throws Exception;

    /** One request sent during the drain: when (ms after the stop was asked), what came back, or the failure. */
    record Probe(long sentAtMillis, int status, Map<String, String> headers, String body, boolean closedByServer, String failure) {
        @Override
        public String toString() {
            return "t=" + sentAtMillis + "ms " + (failure != null ? "FAILED " + failure : status + " " + headers + (closedByServer ? " (closed)" : " (kept open)"));
        }
    }

    @Test
    default void aStoppingAppFinishesWhatItAdmittedServesWithConnectionCloseThenRefusesWithRetryAfterAndNeverResets() throws Exception {
        URI base = app().baseUri();
        CompletableFuture<Probe> inFlight = CompletableFuture.supplyAsync(() -> probe(base, "/work?ms=3000", 0, 10_000, false));
        Thread.sleep(300); // the long request is admitted and running

        long asked = System.nanoTime();
        requestStop();
        // The drain begins as soon as the platform's stop reaches Sluice; readiness turning down marks that moment.
        long t0 = System.nanoTime();
        while (probe(base, app().readinessPath(), 0, 5000, false).status() != 503) {
            assertThat(millisSince(asked)).as("readiness turns down within 2 s of the stop").isLessThan(2000);
            Thread.sleep(10);
            t0 = System.nanoTime();
        }
        List<Probe> hellos = new ArrayList<>();
        List<Probe> readiness = new ArrayList<>();
        List<Probe> liveness = new ArrayList<>();
        // The windows end 5 s after the stop; probe until 4.6 s, leaving the server's own shutdown out of it.
        while (millisSince(t0) < 4600) {
            hellos.add(probe(base, "/hello", millisSince(t0), 5000, true));
            readiness.add(probe(base, app().readinessPath(), millisSince(t0), 5000, true));
            liveness.add(probe(base, app().livenessPath(), millisSince(t0), 5000, true));
            Thread.sleep(100);
        }

        Probe work = inFlight.get();
        assertThat(work.status()).as("the request admitted before the stop: %s", work).isEqualTo(200);
        assertThat(hellos).as("no request is reset or refused before the windows end").allSatisfy(p -> assertThat(p.failure()).isNull());
        assertThat(hellos).as("every answer closes its connection").allSatisfy(p -> {
            assertThat(p.headers().get("connection")).isEqualToIgnoringCase("close");
            assertThat(p.closedByServer()).isTrue();
        });
        List<Probe> served = hellos.stream().filter(p -> p.sentAtMillis() < 1500).toList();
        List<Probe> refused = hellos.stream().filter(p -> p.sentAtMillis() > 2300).toList();
        assertThat(served).as("the serve window: %s", hellos).isNotEmpty().allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
        assertThat(refused).as("after the serve window: %s", hellos).hasSizeGreaterThan(5).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(Long.parseLong(p.headers().get("retry-after"))).isBetween(1L, 3L);
            assertThat(p.headers().get("cache-control")).isEqualTo("no-store");
            assertThat(p.body()).contains("shutting-down");
        });
        assertThat(refused.stream().map(p -> p.headers().get("retry-after")).distinct().count())
                .as("Retry-After is jittered, not one value for everyone").isGreaterThan(1);
        assertThat(readiness).as("readiness stays down").isNotEmpty().allSatisfy(p -> assertThat(p.status()).isEqualTo(503));
        assertThat(liveness).as("liveness stays up").allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * {@code GET path} on a new connection that asks to be kept open, then (if {@code awaitClose}) whether the server
     * closed it: the client must not have to guess from the header alone.
     */
    private static Probe probe(URI base, String path, long sentAt, int timeoutMillis, boolean awaitClose) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAccept: application/json, */*;q=0.5\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            String[] parts = statusLine.split(" ");
            if (parts.length < 2) {
                return new Probe(sentAt, 0, Map.of(), "", true, "no status line (connection closed)");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            String body = body(in, headers);
            if (!awaitClose) {
                return new Probe(sentAt, Integer.parseInt(parts[1]), headers, body, false, null);
            }
            socket.setSoTimeout(1000);
            boolean closed;
            try {
                closed = in.read() == -1;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (IOException e) {
                closed = true; // reset after the response: closed too
            }
            return new Probe(sentAt, Integer.parseInt(parts[1]), headers, body, closed, null);
        } catch (IOException e) {
            return new Probe(sentAt, 0, Map.of(), "", true, e.toString());
        }
    }

    private static String body(InputStream in, Map<String, String> headers) throws IOException {
        if (headers.containsKey("content-length")) {
            return new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not read
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        return "";
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
