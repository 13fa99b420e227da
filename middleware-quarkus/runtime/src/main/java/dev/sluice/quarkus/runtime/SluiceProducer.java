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
 * Produces the {@link Sluice} bean from the {@code sluice.*} configuration. The non-application root
 * ({@code /q/**}: health, metrics, dev endpoints) is exempt, and so are the admin's paths; a Resilience4j
 * {@code CircuitBreakerRegistry} bean, when there is one, supplies the breakers {@code sluice.dependencies.*}
 * watch. A bad value fails start-up with the core's message naming the property.
 */
public class SluiceProducer {

    @Produces
    @Singleton
    Sluice sluice(SluiceConfigMapping config) {
        SluiceConfig.Builder builder = SluiceConfig.builder().properties(CoreProperties.of(ConfigProvider.getConfig(), config, nonApplicationRoot(), adminRoot()));
        boolean resilience4j = Resilience4jSupport.PRESENT && Resilience4jSupport.addBreakers(builder);
        if (!resilience4j && SmallRyeSupport.PRESENT && !config.dependencies().isEmpty()) {
            SmallRyeSupport.addBreakers(builder, config);
        }
        return Sluice.create(builder.build());
    }

    void close(@Disposes Sluice sluice) {
        sluice.close();
    }

    /** {@code quarkus.http.non-application-root-path} as an absolute path, e.g. {@code /q}. */
    static String nonApplicationRoot() {
        return absolute(ConfigProvider.getConfig().getOptionalValue("quarkus.http.non-application-root-path", String.class).orElse("q"));
    }

    /** Whether the management interface is enabled ({@code quarkus.management.enabled}); the admin then moves there. */
    static boolean managementEnabled() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false);
    }

    /** The root the admin's resources are served under: the management interface's, else the non-application root. */
    static String adminRoot() {
        if (!managementEnabled()) {
            return nonApplicationRoot();
        }
        String root = ConfigProvider.getConfig().getOptionalValue("quarkus.management.root-path", String.class).orElse("q");
        return absolute(root);
    }

    /** The readiness and liveness probes' root ({@code quarkus.smallrye-health.root-path}, under the non-application root). */
    static String healthRoot() {
        String health = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-health.root-path", String.class).orElse("health");
        return health.startsWith("/") ? absolute(health) : nonApplicationRoot() + absolute(health);
    }

    private static String absolute(String path) {
        String withSlash = path.startsWith("/") ? path : "/" + path;
        return withSlash.replaceAll("/+$", "");
    }

    /** Resilience4j breakers, referenced only when the library is on the class path. */
    static final class Resilience4jSupport {
        static final boolean PRESENT = present("io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry");

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

        static boolean present(String name) {
            try {
                Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }

    /** SmallRye Fault Tolerance breakers, referenced only when the library is on the class path. */
    static final class SmallRyeSupport {
        static final boolean PRESENT = Resilience4jSupport.present("io.smallrye.faulttolerance.api.CircuitBreakerMaintenance");

        static void addBreakers(SluiceConfig.Builder builder, SluiceConfigMapping config) {
            try (InstanceHandle<io.smallrye.faulttolerance.api.CircuitBreakerMaintenance> maintenance =
                         Arc.container().instance(io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.class)) {
                if (maintenance.isAvailable()) {
                    java.util.List<dev.sluice.dependency.Dependency> dependencies = new java.util.ArrayList<>();
                    config.dependencies().forEach((name, d) -> dependencies.add(new dev.sluice.dependency.Dependency(name,
                            dev.sluice.http.PathPatterns.none(), null, d.breaker().orElse(name), d.forcedOpenRetryAfter())));
                    builder.dependencyBreakers(new SmallRyeBreakers(maintenance.get(), dependencies, java.time.Clock.systemUTC()));
                }
            }
        }
    }
}
