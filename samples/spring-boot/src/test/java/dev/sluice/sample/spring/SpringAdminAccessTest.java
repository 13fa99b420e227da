package dev.sluice.sample.spring;

import dev.sluice.contract.AdminAccessContract;
import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;

/** The admin-access contract against the Spring Boot sample (Tomcat) with Spring Security and the admin at /ops/switch. */
@SpringBootTest(classes = {SpringSampleApp.class, SpringAdminAccessTest.Security.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sluice.admin.path=" + AdminAccessContract.CUSTOM_ADMIN_PATH)
class SpringAdminAccessTest implements AdminAccessContract {

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
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).httpBasic(Customizer.withDefaults())
                    .csrf(c -> c.disable()).build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ops").password("{noop}ops-password").roles("SLUICE_ADMIN").build(),
                    User.withUsername("dev").password("{noop}dev-password").roles("DEVELOPER").build());
        }
    }
}
