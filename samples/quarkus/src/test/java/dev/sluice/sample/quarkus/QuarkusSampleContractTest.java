package dev.sluice.sample.quarkus;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.SluiceContract;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import java.net.URI;
import java.net.URL;

/** The contract kit against the Quarkus sample, a real Quarkus app on a random loopback port. */
@QuarkusTest
@TestProfile(ContractProfile.class)
class QuarkusSampleContractTest implements SluiceContract {

    @TestHTTPResource("/")
    URL base;

    @Override
    public AppUnderTest app() {
        return new AppUnderTest() {
            @Override
            public URI baseUri() {
                return URI.create("http://127.0.0.1:" + base.getPort());
            }

            @Override
            public String adminPath() {
                return "/q/maintenance";
            }

            @Override
            public String readinessPath() {
                return "/q/health/ready";
            }

            @Override
            public String livenessPath() {
                return "/q/health/live";
            }
        };
    }
}
