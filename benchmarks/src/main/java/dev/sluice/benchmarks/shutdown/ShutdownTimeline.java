package dev.sluice.benchmarks.shutdown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * What clients see while a sample stops (CONTRACT §11): starts the packaged sample as a process, sends a steady
 * stream of {@code GET /hello} (each on a new connection, as clients behind a load balancer that has not yet
 * noticed arrive), sends SIGTERM, and prints the answers per 100 ms by outcome from SIGTERM until the process
 * exits and a second after.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.shutdown.ShutdownTimeline \
 *     samples/spring-boot/target/sluice-sample-spring-boot-0.1.0-SNAPSHOT.jar [port] [requests per second]
 * </pre>
 */
public final class ShutdownTimeline {

    private record Answer(long nanos, String outcome) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 18090;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        Process app = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!get(port).equals("200")) {
                if (System.nanoTime() > deadline || !app.isAlive()) {
                    throw new IllegalStateException("the sample did not answer /hello");
                }
                Thread.sleep(200);
            }
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            int threads = 8;
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) * threads / rate;
            long[] stopAt = {Long.MAX_VALUE};
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long offset = intervalNanos * i / threads;
                Thread t = new Thread(() -> {
                    long next = System.nanoTime() + offset;
                    while (System.nanoTime() < stopAt[0]) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            sleepNanos(wait);
                        }
                        long sent = System.nanoTime();
                        answers.add(new Answer(sent, get(port)));
                        next += intervalNanos;
                    }
                });
                t.start();
                clients.add(t);
            }
            Thread.sleep(1000);
            long sigterm = System.nanoTime();
            app.destroy(); // SIGTERM
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sample did not exit within 60 s of SIGTERM");
            }
            long exited = System.nanoTime();
            stopAt[0] = exited + TimeUnit.SECONDS.toNanos(1);
            for (Thread t : clients) {
                t.join();
            }
            print(answers, sigterm, exited);
        } finally {
            app.destroyForcibly();
        }
    }

    private static void print(ConcurrentLinkedQueue<Answer> answers, long sigterm, long exited) {
        TreeMap<Long, Map<String, Integer>> buckets = new TreeMap<>();
        List<String> outcomes = new ArrayList<>();
        for (Answer a : answers) {
            long bucket = Math.floorDiv((a.nanos() - sigterm) / 1_000_000, 100) * 100;
            if (bucket < -500) {
                continue;
            }
            buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).merge(a.outcome(), 1, Integer::sum);
            if (!outcomes.contains(a.outcome())) {
                outcomes.add(a.outcome());
            }
        }
        outcomes.sort(String::compareTo);
        System.out.println("SIGTERM at 0 ms; the process exited at " + (exited - sigterm) / 1_000_000 + " ms.");
        System.out.println();
        System.out.println("| ms after SIGTERM | " + String.join(" | ", outcomes) + " |");
        System.out.println("|---|" + "---|".repeat(outcomes.size()));
        buckets.forEach((bucket, counts) -> {
            StringBuilder row = new StringBuilder("| " + bucket + " |");
            for (String o : outcomes) {
                row.append(' ').append(counts.getOrDefault(o, 0)).append(" |");
            }
            System.out.println(row);
        });
    }

    /** One {@code GET /hello} on a new connection: the status, or what went wrong (refused, reset, timeout). */
    private static String get(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                status.append((char) c);
            }
            String[] parts = status.toString().split(" ");
            return parts.length > 1 ? parts[1] : "closed without answer";
        } catch (ConnectException e) {
            return "refused";
        } catch (java.net.SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "reset";
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
