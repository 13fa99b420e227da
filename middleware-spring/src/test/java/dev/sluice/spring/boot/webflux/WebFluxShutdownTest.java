package dev.sluice.spring.boot.webflux;

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

/** CONTRACT §11 on WebFlux (Reactor Netty, graceful shutdown): a fresh application per test, closed as on SIGTERM. */
class WebFluxShutdownTest implements ShutdownContract {

    private ConfigurableApplicationContext context;
    private CompletableFuture<Void> stopping;

    @BeforeEach
    void start() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.web-application-type=reactive",
                "--spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                "--management.endpoint.health.probes.enabled=true",
                "--sluice.dependencies.payments.routes=/payments/**",
                "--sluice.shedding.enabled=true", "--sluice.shedding.limit.max=16", "--sluice.shedding.critical.routes=/hello"));
        ContractSettings.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        ShutdownContract.PROPERTIES.forEach((k, v) -> args.add("--" + k + "=" + v));
        context = SpringApplication.run(WebFluxDemoApp.class, args.toArray(String[]::new));
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
