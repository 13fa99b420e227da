package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.dependency.Resilience4jBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link Sluice} bean, built from the {@code sluice.*} properties of the core's catalogue (bound with
 * Spring's relaxed binding). The actuator's endpoints are exempt (probes stay truthful; the admin's paths are
 * exempt in the core), the admin sits beside them ({@code <actuator base>/maintenance} unless
 * {@code sluice.admin.path} says otherwise), and a Resilience4j {@code CircuitBreakerRegistry} bean, when
 * there is one, supplies the breakers that {@code sluice.dependencies.*} watch.
 */
@AutoConfiguration
public class SluiceAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Sluice sluice(Environment environment, ObjectProvider<SluiceConfigCustomizer> customizers) {
        Map<String, String> properties = CatalogueBinder.bind(environment);
        List<String> exempt = new ArrayList<>(List.of(properties.getOrDefault("sluice.exempt-paths", "").split(",")));
        exempt.add(actuatorExemption(environment));
        properties.put("sluice.exempt-paths", String.join(",", exempt));
        properties.putIfAbsent("sluice.admin.path", actuatorBase(environment) + "/maintenance");
        // Services that share a Redis must not share its keys: the application's name tells them apart.
        String application = environment.getProperty("spring.application.name");
        if (application != null && !application.isBlank()) {
            properties.putIfAbsent("sluice.redis.namespace", "sluice:" + application);
        }
        SluiceConfig.Builder builder = SluiceConfig.builder().properties(properties);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return Sluice.create(builder.build());
    }

    /** {@code management.endpoints.web.base-path} without a trailing slash: {@code /actuator}, or {@code ""} at the root. */
    static String actuatorBase(Environment environment) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator").strip().replaceAll("/+$", "");
        return base.isEmpty() || base.startsWith("/") ? base : "/" + base;
    }

    /**
     * The actuator's endpoints ({@code <base>/**}), whose probes must tell the truth themselves. With the base
     * path at the root ({@code management.endpoints.web.base-path=/}) that pattern would exempt every path
     * and switch Sluice off, so only the health endpoint is exempt then (the admin's paths always are).
     */
    static String actuatorExemption(Environment environment) {
        String base = actuatorBase(environment);
        if (!base.isEmpty()) {
            return base + "/**";
        }
        String health = environment.getProperty("management.endpoints.web.path-mapping.health", "health").strip().replaceAll("^/+|/+$", "");
        return "/" + health + "/**";
    }

    /** Drains before the web server stops (CONTRACT §11). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerApplicationContext")
    static class ShutdownConfiguration {

        @Bean
        SmartLifecycle sluiceShutdownLifecycle(Sluice sluice, ApplicationContext context) {
            return new SluiceShutdownLifecycle(sluice, context);
        }
    }

    /** The Redis store on the application's own Redis connection (see {@link ApplicationRedis}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.sluice.redis.RedisStoreProvider",
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails"})
    static class ApplicationRedisConfiguration {

        @Bean
        SluiceConfigCustomizer sluiceRedisOnTheApplicationsConnection(Environment environment,
                ObjectProvider<org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory> factories,
                ObjectProvider<org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails> details) {
            return builder -> ApplicationRedis.use(builder, environment, factories, details);
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
