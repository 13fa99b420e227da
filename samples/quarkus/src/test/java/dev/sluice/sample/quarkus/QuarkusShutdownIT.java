package dev.sluice.sample.quarkus;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.ShutdownContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CONTRACT §11 on the packaged Quarkus sample ({@code target/quarkus-app/quarkus-run.jar}, after {@code package}):
 * a fresh process per test on a free port, stopped with SIGTERM as a platform stops it.
 */
class QuarkusShutdownIT implements ShutdownContract {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");

    private Process process;
    private URI base;
    private final StringBuffer output = new StringBuffer();

    @BeforeEach
    void start() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: this test runs after package (mvn verify)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.http.host=127.0.0.1"));
        ContractSettings.properties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        ShutdownContract.PROPERTIES.forEach((k, v) -> command.add("-D" + k + "=" + v));
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
        base = URI.create("http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the sample did not exit within 30 s of SIGTERM:\n" + output);
        }
    }

    @Override
    public void requestStop() {
        process.destroy(); // SIGTERM
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(base, "/q/maintenance", "/q/health/ready", "/q/health/live");
    }
}
