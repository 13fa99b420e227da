package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.spring.boot.actuate.SluiceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@code sluice} health contributor when Spring Boot's health support is present. */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class SluiceHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
    public HealthIndicator sluiceHealthIndicator(Sluice sluice, Environment environment) {
        return new SluiceHealthIndicator(sluice,
                !environment.getProperty("sluice.health.ready-during-maintenance", Boolean.class, Boolean.TRUE));
    }
}
