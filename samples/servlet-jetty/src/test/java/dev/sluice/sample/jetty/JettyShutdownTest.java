package dev.sluice.sample.jetty;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.ShutdownContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** CONTRACT §11 on the Jetty sample: a fresh server per test, stopped as its SIGTERM hook stops it. */
class JettyShutdownTest implements ShutdownContract {

    private JettySampleApp sample;
    private CompletableFuture<Void> stopping;

    @BeforeEach
    void startSample() throws Exception {
        Map<String, String> properties = new HashMap<>(ContractSettings.properties());
        properties.putAll(ShutdownContract.PROPERTIES);
        sample = JettySampleApp.start("127.0.0.1", 0, properties);
    }

    @AfterEach
    void awaitStop() throws Exception {
        if (stopping != null) {
            stopping.get();
        } else {
            sample.close();
        }
    }

    @Override
    public void requestStop() {
        stopping = CompletableFuture.runAsync(() -> {
            try {
                sample.shutdown();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(sample.baseUri(), "/admin/maintenance", "/health/ready", "/health/live");
    }
}
