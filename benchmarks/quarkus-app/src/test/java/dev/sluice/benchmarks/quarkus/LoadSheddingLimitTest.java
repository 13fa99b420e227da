package dev.sluice.benchmarks.quarkus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With quarkus-load-shedding on, the stats carry its limit (read from a private field: this notices when it moves). */
@QuarkusTest
@TestProfile(LoadSheddingLimitTest.LoadSheddingOn.class)
class LoadSheddingLimitTest {

    public static class LoadSheddingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.load-shedding.enabled", "true", "quarkus.load-shedding.initial-limit", "12");
        }
    }

    @Inject
    Workers workers;

    @Test
    void statsReportQuarkusLoadSheddingsLimit() {
        assertThat(workers.stats()).endsWith(" limitLast=12");
    }
}
