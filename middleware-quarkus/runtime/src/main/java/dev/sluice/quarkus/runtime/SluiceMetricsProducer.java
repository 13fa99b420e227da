package dev.sluice.quarkus.runtime;

import dev.sluice.Sluice;
import dev.sluice.micrometer.SluiceMetrics;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Sluice's meters as a bean, registered only when {@code quarkus-micrometer} is present; Quarkus binds
 * every {@code MeterBinder} bean to its registries. The meters are the same as the Spring Boot starter's.
 */
public class SluiceMetricsProducer {

    @Produces
    @Singleton
    @Unremovable
    SluiceMetrics sluiceMetrics(Sluice sluice) {
        return new SluiceMetrics(sluice);
    }
}
