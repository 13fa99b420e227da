package dev.sluice.sample.quarkus;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.FleetContract;
import dev.sluice.contract.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * CONTRACT §10 on the packaged Quarkus sample: two processes with the Redis store (found on the class path from
 * the properties alone) sharing one real redis-server, as two replicas of one service run.
 */
class QuarkusFleetIT implements FleetContract {

    private static RedisServer redis;
    private static PackagedSample a;
    private static PackagedSample b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        a = PackagedSample.start(properties("a"));
        b = PackagedSample.start(properties("b"));
    }

    private static Map<String, String> properties(String instance) throws Exception {
        Map<String, String> properties = new HashMap<>(ContractSettings.properties());
        properties.putAll(FleetContract.properties(redis, "quarkus-fleet"));
        // Each instance keeps its own last known state on disk.
        properties.put("sluice.redis.state-file", Files.createTempDirectory("sluice-quarkus-fleet-").resolve(instance + "-maintenance.json").toString());
        return properties;
    }

    @AfterAll
    static void stop() throws Exception {
        try (RedisServer r = redis; PackagedSample first = a; PackagedSample second = b) {
            // closed in reverse order: the instances, then Redis
        }
    }

    @Override
    public AppUnderTest first() {
        return app(a);
    }

    @Override
    public AppUnderTest second() {
        return app(b);
    }

    private static AppUnderTest app(PackagedSample sample) {
        return AppUnderTest.of(sample.baseUri(), "/q/maintenance", "/q/health/ready", "/q/health/live");
    }
}
