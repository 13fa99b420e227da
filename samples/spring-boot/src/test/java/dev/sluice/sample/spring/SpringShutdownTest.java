package dev.sluice.sample.spring;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.ShutdownContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CONTRACT §11 on the Spring Boot MVC sample (Tomcat, {@code server.shutdown=graceful} as Boot's default): a fresh
 * application per test, closed as Spring's SIGTERM hook closes it.
 */
class SpringShutdownTest implements ShutdownContract {

    private ConfigurableApplicationContext context;
    private CompletableFuture<Void> stopping;

    @BeforeEach
    void start() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"));
        ContractSettings.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        ShutdownContract.PROPERTIES.forEach((k, v) -> args.add("--" + k + "=" + v));
        context = SpringApplication.run(SpringSampleApp.class, args.toArray(String[]::new));
    }

    @AfterEach
    void awaitStop() throws Exception {
        if (stopping != null) {
            stopping.get();
        }
        context.close();
    }

    @Override
    public void requestStop() {
        stopping = CompletableFuture.runAsync(context::close);
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.springBoot(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
