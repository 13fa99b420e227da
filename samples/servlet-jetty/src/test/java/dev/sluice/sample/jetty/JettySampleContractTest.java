package dev.sluice.sample.jetty;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.SluiceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

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
        return new AppUnderTest() {
            @Override
            public URI baseUri() {
                return sample.baseUri();
            }

            @Override
            public String adminPath() {
                return "/admin/maintenance";
            }

            @Override
            public String readinessPath() {
                return "/health/ready";
            }

            @Override
            public String livenessPath() {
                return "/health/live";
            }
        };
    }
}
