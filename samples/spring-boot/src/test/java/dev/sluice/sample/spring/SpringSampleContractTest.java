package dev.sluice.sample.spring;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.SluiceContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/** The contract kit against the Spring Boot MVC sample (Tomcat) on a random loopback port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Spring Security is on the test class path for SpringAdminAccessTest; this app runs without it, as the sample does.
        properties = "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration")
class SpringSampleContractTest implements SluiceContract {

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
