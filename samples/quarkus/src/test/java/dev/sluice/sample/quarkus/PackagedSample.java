package dev.sluice.sample.quarkus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged Quarkus sample ({@code target/quarkus-app/quarkus-run.jar}, after {@code package}) as its own process
 * on a free loopback port, with system properties of the test's choosing: what a platform runs, for the tests that
 * need real processes (a SIGTERM, two instances of one service).
 */
final class PackagedSample implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final URI baseUri;

    private PackagedSample(Map<String, String> properties) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: this test runs after package (mvn verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.http.host=127.0.0.1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("the sample exited before listening:\n" + output));
        }, "quarkus-sample-output");
        reader.setDaemon(true);
        reader.start();
        try {
            baseUri = URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Starts the sample and waits until it listens (at most 60 s). */
    static PackagedSample start(Map<String, String> properties) throws Exception {
        return new PackagedSample(properties);
    }

    URI baseUri() {
        return baseUri;
    }

    /** Sends SIGTERM, as a platform stops the process, and returns at once. */
    void terminate() {
        process.destroy();
    }

    /** Sends SIGTERM and waits for the exit; fails, with the process's output, if it takes over 30 s. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the sample did not exit within 30 s of SIGTERM:\n" + output);
        }
    }
}
