package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.spring.boot.actuate.SluiceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code sluice} health contributor when Spring Boot's health support is present. */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class SluiceHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
    public HealthIndicator sluiceHealthIndicator(Sluice sluice, SluiceProperties properties) {
        return new SluiceHealthIndicator(sluice, properties.getHealth().isReadinessOutOfServiceDuringMaintenance());
    }
}
