package dev.sluice.sample.jetty;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.SluiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The contract kit against the Jetty sample, started in-process on a random loopback port. */
class JettySampleContractTest implements SluiceContract {

    private static JettySampleApp sample;

    @BeforeAll
    static void startSample() throws Exception {
        sample = JettySampleApp.start("127.0.0.1", 0, ContractSettings.properties());
    }

    @AfterAll
    static void stopSample() throws Exception {
        sample.close();
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(sample.baseUri(), "/admin/maintenance", "/health/ready", "/health/live");
    }
}
