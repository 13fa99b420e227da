package dev.sluice.sample.jetty;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.FleetContract;
import dev.sluice.contract.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;

/**
 * CONTRACT §10 on the Jetty sample: two servers with the Redis store (found on the class path from the properties
 * alone) sharing one real redis-server.
 */
class JettyFleetTest implements FleetContract {

    private static RedisServer redis;
    private static JettySampleApp a;
    private static JettySampleApp b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        Map<String, String> properties = new HashMap<>(ContractSettings.properties());
        properties.putAll(FleetContract.properties(redis, "jetty-fleet"));
        a = JettySampleApp.start("127.0.0.1", 0, with(properties, "a"));
        b = JettySampleApp.start("127.0.0.1", 0, with(properties, "b"));
    }

    /** Each instance keeps its own last known state on disk. */
    private static Map<String, String> with(Map<String, String> properties, String instance) throws Exception {
        Map<String, String> p = new HashMap<>(properties);
        p.put("sluice.redis.state-file", java.nio.file.Files.createTempDirectory("sluice-jetty-fleet").resolve(instance + "-maintenance.json").toString());
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        redis.close();
    }

    @Override
    public AppUnderTest first() {
        return AppUnderTest.of(a.baseUri(), "/admin/maintenance", "/health/ready", "/health/live");
    }

    @Override
    public AppUnderTest second() {
        return AppUnderTest.of(b.baseUri(), "/admin/maintenance", "/health/ready", "/health/live");
    }
}
