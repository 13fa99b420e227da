package dev.sluice.sample.quarkus;

import dev.sluice.contract.ContractSettings;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The sample with the settings every sample runs with under the contract kit. */
public class ContractProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return ContractSettings.properties();
    }
}
