package dev.sluice.quarkus.runtime;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the {@link Sluice} bean from the {@code sluice.*} configuration and what the build decided
 * ({@link BuildFacts}): the non-application root ({@code /q/**}: health, metrics, dev endpoints) is exempt,
 * and so are the admin's paths; a Resilience4j
 * {@code CircuitBreakerRegistry} bean, when there is one, supplies the breakers {@code sluice.dependencies.*}
 * watch. A bad value fails start-up with the core's message naming the property.
 */
public class SluiceProducer {

    @Produces
    @Singleton
    Sluice sluice(SluiceConfigMapping config) {
        BuildFacts facts = BuildFacts.get();
        SluiceConfig.Builder builder = SluiceConfig.builder().properties(
                CoreProperties.of(ConfigProvider.getConfig(), config, facts.nonApplicationRoot(), facts.adminRoot(), facts.healthRoot()));
        // The application's Resilience4j registry, if it has one; else SmallRye Fault Tolerance's breakers.
        boolean resilience4j = facts.resilience4j() && Resilience4jSupport.addBreakers(builder);
        if (!resilience4j && facts.smallRyeFaultTolerance() && !config.dependencies().isEmpty()) {
            SmallRyeSupport.addBreakers(builder, config);
        }
        return Sluice.create(builder.build());
    }

    void close(@Disposes Sluice sluice) {
        sluice.close();
    }

    /** Resilience4j breakers, referenced only when the build found the library. */
    static final class Resilience4jSupport {
        /** Whether a registry bean was found and its breakers added. */
        static boolean addBreakers(SluiceConfig.Builder builder) {
            try (InstanceHandle<io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry> registry =
                         Arc.container().instance(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class)) {
                if (registry.isAvailable()) {
                    builder.dependencyBreakers(new dev.sluice.dependency.Resilience4jBreakers(registry.get(), java.time.Clock.systemUTC()));
                    return true;
                }
                return false;
            }
        }
    }

    /** SmallRye Fault Tolerance breakers, referenced only when the build found the capability. */
    static final class SmallRyeSupport {
        static void addBreakers(SluiceConfig.Builder builder, SluiceConfigMapping config) {
            try (InstanceHandle<io.smallrye.faulttolerance.api.CircuitBreakerMaintenance> maintenance =
                         Arc.container().instance(io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.class)) {
                if (maintenance.isAvailable()) {
                    java.util.List<dev.sluice.dependency.Dependency> dependencies = new java.util.ArrayList<>();
                    config.dependencies().forEach((name, d) -> dependencies.add(new dev.sluice.dependency.Dependency(name,
                            dev.sluice.internal.http.PathPatterns.none(), null, d.breaker().orElse(name), d.forcedOpenRetryAfter())));
                    builder.dependencyBreakers(new SmallRyeBreakers(maintenance.get(), dependencies, java.time.Clock.systemUTC()));
                }
            }
        }
    }
}
