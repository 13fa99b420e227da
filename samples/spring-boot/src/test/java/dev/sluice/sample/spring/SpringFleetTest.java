package dev.sluice.sample.spring;

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
 * CONTRACT §10 on the Spring Boot MVC sample: two applications (two contexts, two Tomcats) with the Redis store,
 * which the starter finds on the class path from the properties alone, sharing one real redis-server.
 */
class SpringFleetTest implements FleetContract {

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
                "--spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                // Each instance keeps its own last known state on disk.
                "--sluice.redis.state-file=" + Files.createTempDirectory("sluice-spring-fleet-").resolve(instance + "-maintenance.json")));
        ContractSettings.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        FleetContract.properties(redis, "spring-fleet").forEach((k, v) -> args.add("--" + k + "=" + v));
        return SpringApplication.run(SpringSampleApp.class, args.toArray(String[]::new));
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
