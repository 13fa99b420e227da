package dev.sluice.quarkus.runtime;

import dev.sluice.Sluice;
import dev.sluice.admin.AdminState;
import dev.sluice.maintenance.MaintenanceMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Sluice's state in the readiness data, UP during maintenance: maintenance is not an outage, and a
 * DOWN probe makes load balancers drop the instance and answer their own 502/503 without Sluice's
 * Retry-After. {@code sluice.health.readiness-down-during-maintenance=true} reports DOWN during FULL
 * maintenance instead, for platforms that must drain the instance.
 */
@Readiness
@ApplicationScoped
public class SluiceReadinessCheck implements HealthCheck {

    private final Sluice sluice;
    private final boolean downDuringMaintenance;

    SluiceReadinessCheck(Sluice sluice, @ConfigProperty(name = "sluice.health.readiness-down-during-maintenance", defaultValue = "false")
                         boolean downDuringMaintenance) {
        this.sluice = sluice;
        this.downDuringMaintenance = downDuringMaintenance;
    }

    @Override
    public HealthCheckResponse call() {
        AdminState state = sluice.admin().state();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sluice")
                .withData("maintenance", state.maintenance().map(m -> m.mode().name()).orElse("OFF"));
        state.maintenance().ifPresent(m -> {
            b.withData("message", m.message());
            if (m.until() != null) {
                b.withData("until", m.until().toString());
            }
        });
        state.dependencies().forEach(d -> b.withData("dependency." + d.name(), d.status().state().name()));
        state.shedding().ifPresent(s -> b.withData("shedding.limit", s.limit()).withData("shedding.inFlight", s.inFlight()));
        boolean full = state.maintenance().filter(m -> m.mode() == MaintenanceMode.FULL).isPresent();
        return b.status(!(downDuringMaintenance && full)).build();
    }
}
