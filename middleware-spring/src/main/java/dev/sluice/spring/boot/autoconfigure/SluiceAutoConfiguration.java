package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.dependency.Resilience4jBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Sluice} bean, built from the {@code sluice.*} properties. The actuator's endpoints are exempt
 * (probes stay truthful; the admin's paths are exempt in the core), and a Resilience4j {@code CircuitBreakerRegistry}
 * bean, when there is one, supplies the breakers that {@code sluice.dependencies.*} watch.
 */
@AutoConfiguration
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Sluice sluice(SluiceProperties properties, ObjectProvider<SluiceConfigCustomizer> customizers,
                         Environment environment, ResourceLoader resources) {
        Map<String, String> core = properties.asCoreProperties();
        Set<String> exempt = new LinkedHashSet<>(properties.getExemptPaths());
        exempt.add(actuatorExemption(environment));
        core.put("sluice.exempt-paths", String.join(",", exempt));
        SluiceConfig.Builder builder = SluiceConfig.builder().properties(core);
        String template = properties.getResponse().getHtmlTemplate();
        if (template != null && !template.isBlank()) {
            builder.htmlTemplate(read(resources.getResource(template)));
        }
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return Sluice.create(builder.build());
    }

    /**
     * The actuator's endpoints ({@code <base>/**}), whose probes must tell the truth themselves. With the base
     * path at the root ({@code management.endpoints.web.base-path=/}) that pattern would exempt every path
     * and switch Sluice off, so only the health endpoint is exempt then (the admin's paths always are).
     */
    static String actuatorExemption(Environment environment) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator").strip();
        base = base.replaceAll("/+$", "");
        if (!base.isEmpty()) {
            return (base.startsWith("/") ? base : "/" + base) + "/**";
        }
        String health = environment.getProperty("management.endpoints.web.path-mapping.health", "health").strip().replaceAll("^/+|/+$", "");
        return "/" + health + "/**";
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("sluice.response.html-template: cannot read " + resource, e);
        }
    }

    /** Watches the application's Resilience4j breakers for {@code sluice.dependencies.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CircuitBreakerRegistry.class)
    static class Resilience4jBreakersConfiguration {

        @Bean
        SluiceConfigCustomizer sluiceResilience4jBreakers(ObjectProvider<CircuitBreakerRegistry> registry) {
            return builder -> registry.ifAvailable(r -> builder.dependencyBreakers(new Resilience4jBreakers(r, Clock.systemUTC())));
        }
    }
}
