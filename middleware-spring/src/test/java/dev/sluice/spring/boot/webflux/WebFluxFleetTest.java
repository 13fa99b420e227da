package dev.sluice.spring.boot.webflux;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.FleetContract;
import dev.sluice.contract.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CONTRACT §10 on WebFlux (Reactor Netty): two applications (two contexts, two servers) with the Redis store,
 * which the starter finds on the class path from the properties alone, sharing one real redis-server.
 */
class WebFluxFleetTest implements FleetContract {

    private static RedisServer redis;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        a = run("a");
        b = run("b");
    }

    private static ConfigurableApplicationContext run(String instance) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.web-application-type=reactive",
                "--spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                "--management.endpoint.health.probes.enabled=true",
                "--sluice.client-limits.policies.quota.routes=/quota", "--sluice.client-limits.policies.quota.limits=5/10s",
                "--sluice.client-limits.policies.quota.key=api-key-or-ip",
                // Each instance keeps its own last known state on disk.
                "--sluice.redis.state-file=" + Files.createTempDirectory("sluice-webflux-fleet-").resolve(instance + "-maintenance.json")));
        ContractSettings.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        FleetContract.properties(redis, "webflux-fleet").forEach((k, v) -> args.add("--" + k + "=" + v));
        return SpringApplication.run(WebFluxDemoApp.class, args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        a.close();
        b.close();
        redis.close();
    }

    @Override
    public AppUnderTest first() {
        return app(a);
    }

    @Override
    public AppUnderTest second() {
        return app(b);
    }

    private static AppUnderTest app(ConfigurableApplicationContext context) {
        return AppUnderTest.springBoot(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
