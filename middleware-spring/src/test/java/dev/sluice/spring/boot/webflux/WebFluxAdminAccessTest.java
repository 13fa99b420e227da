package dev.sluice.spring.boot.webflux;

import dev.sluice.contract.AdminAccessContract;
import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;

/** The admin-access contract on WebFlux (Reactor Netty) with Spring Security's reactive chain and the admin at /ops/switch. */
@SpringBootTest(classes = {WebFluxDemoApp.class, WebFluxAdminAccessTest.Security.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.main.web-application-type=reactive",
                "server.address=127.0.0.1",
                "management.endpoint.health.probes.enabled=true",
                "sluice.admin.path=" + AdminAccessContract.CUSTOM_ADMIN_PATH,
                "sluice.dependencies.payments.routes=/payments/**"})
class WebFluxAdminAccessTest implements AdminAccessContract {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void contractSettings(DynamicPropertyRegistry registry) {
        ContractSettings.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(URI.create("http://127.0.0.1:" + port), CUSTOM_ADMIN_PATH, "/actuator/health/readiness", "/actuator/health/liveness");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Security {
        @Bean
        SecurityWebFilterChain chain(ServerHttpSecurity http) {
            return http.authorizeExchange(a -> a.anyExchange().permitAll()).httpBasic(Customizer.withDefaults())
                    .csrf(c -> c.disable()).build();
        }

        @Bean
        MapReactiveUserDetailsService users() {
            return new MapReactiveUserDetailsService(
                    User.withUsername("ops").password("{noop}ops-password").roles("SLUICE_ADMIN").build(),
                    User.withUsername("dev").password("{noop}dev-password").roles("DEVELOPER").build());
        }
    }
}
