package dev.sluice.spring.boot.webflux;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.SluiceContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/** The contract kit against a real Spring WebFlux app (Reactor Netty) on a random loopback port. */
@SpringBootTest(classes = WebFluxDemoApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.main.web-application-type=reactive",
                // Spring Security is on this module's test class path for the admin security tests; not here.
                "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                "server.address=127.0.0.1",
                "management.endpoint.health.probes.enabled=true",
                "sluice.client-limits.policies.quota.routes=/quota",
                "sluice.client-limits.policies.quota.limits=5/10s",
                "sluice.client-limits.policies.quota.key=api-key-or-ip",
                "sluice.dependencies.payments.routes=/payments/**",
                "sluice.gateway.routes=/proxy",
                "sluice.exempt-paths=/demo/dependencies/**"})
class WebFluxContractTest implements SluiceContract {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void contractSettings(DynamicPropertyRegistry registry) {
        ContractSettings.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.springBoot(port);
    }
}
