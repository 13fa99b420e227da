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
        return AppUnderTest.of(URI.create("http://127.0.0.1:" + base.getPort()), "/q/maintenance", "/q/health/ready", "/q/health/live");
    }
}
