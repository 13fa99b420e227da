package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.micrometer.SluiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Sluice's meters when Micrometer is present (Spring Boot binds them to every registry), and the outcome of the
 * requests Sluice answered on their observations when Micrometer Observation is (Spring Boot applies the filter
 * to its registry).
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public class SluiceMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public SluiceMetrics sluiceMetrics(Sluice sluice) {
        return new SluiceMetrics(sluice);
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.observation.ObservationFilter", "org.springframework.http.server.observation.ServerRequestObservationContext"})
    static class ObservationConfiguration {

        @Bean
        io.micrometer.observation.ObservationFilter sluiceObservationFilter() {
            return new SluiceObservationFilter();
        }
    }
}
