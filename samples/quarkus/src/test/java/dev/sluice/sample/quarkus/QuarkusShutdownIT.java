package dev.sluice.sample.quarkus;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.ShutdownContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.HashMap;
import java.util.Map;

/**
 * CONTRACT §11 on the packaged Quarkus sample: a fresh process per test on a free port, stopped with SIGTERM as a
 * platform stops it.
 */
class QuarkusShutdownIT implements ShutdownContract {

    private PackagedSample sample;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> properties = new HashMap<>(ContractSettings.properties());
        properties.putAll(ShutdownContract.PROPERTIES);
        sample = PackagedSample.start(properties);
    }

    @AfterEach
    void stop() throws Exception {
        sample.close();
    }

    @Override
    public void requestStop() {
        sample.terminate();
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(sample.baseUri(), "/q/maintenance", "/q/health/ready", "/q/health/live");
    }
}
