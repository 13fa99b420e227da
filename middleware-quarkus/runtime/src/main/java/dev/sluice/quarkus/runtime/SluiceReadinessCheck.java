package dev.sluice.quarkus.runtime;

import dev.sluice.Sluice;
import dev.sluice.internal.admin.AdminState;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.store.StoreStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Sluice's state in the readiness data, UP during maintenance: maintenance is not an outage, and a
 * DOWN probe makes load balancers drop the instance and answer their own 502/503 without Sluice's
 * Retry-After. {@code sluice.health.ready-during-maintenance=false} reports DOWN during FULL
 * maintenance instead, for platforms that must drain the instance.
 *
 * <p>The details (the maintenance message, dependency names, shedding figures) are shown only to a caller
 * with {@code sluice.admin.role}, as Spring Boot's {@code show-details=when-authorized} does: the probe
 * itself is public.
 */
@Readiness
@ApplicationScoped
public class SluiceReadinessCheck implements HealthCheck {

    private final Sluice sluice;
    private final boolean downDuringMaintenance;
    private final String adminRole;
    private final Instance<SecurityIdentity> identity;

    SluiceReadinessCheck(Sluice sluice, SluiceConfigMapping config, Instance<SecurityIdentity> identity) {
        this.sluice = sluice;
        this.downDuringMaintenance = !config.health().readyDuringMaintenance();
        this.adminRole = config.admin().role();
        this.identity = identity;
    }

    @Override
    public HealthCheckResponse call() {
        AdminState state = sluice.admin().state();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sluice");
        if (authorized()) {
            b.withData("maintenance", state.maintenance().map(m -> m.mode().name()).orElse("OFF"));
            state.maintenance().ifPresent(m -> {
                b.withData("message", m.message());
                if (m.until() != null) {
                    b.withData("until", m.until().toString());
                }
            });
            state.dependencies().forEach(d -> b.withData("dependency." + d.name(), d.status().state().name()));
            state.shedding().ifPresent(s -> b.withData("shedding.limit", s.limit()).withData("shedding.inFlight", s.inFlight()));
            // A shared store out of reach is reported, never a reason to go DOWN: every instance keeps its last state.
            storeData(b, "store", state.store());
            storeData(b, "clientLimitStore", state.clientLimitStore());
        }
        boolean full = state.maintenance().filter(m -> m.mode() == MaintenanceMode.FULL).isPresent();
        // Draining on shutdown (CONTRACT §11): not ready from the first moment, so load balancers stop sending.
        if (state.drainingSince().isPresent()) {
            b.withData("draining", true);
        }
        return b.status(!(downDuringMaintenance && full) && state.drainingSince().isEmpty()).build();
    }

    private static void storeData(HealthCheckResponseBuilder b, String prefix, StoreStatus status) {
        if (!status.shared()) {
            return;
        }
        b.withData(prefix + ".type", status.type()).withData(prefix + ".connected", status.connected());
        if (status.since() != null) {
            b.withData(prefix + ".since", status.since().toString());
        }
        if (status.lastSync() != null) {
            b.withData(prefix + ".lastSync", status.lastSync().toString());
        }
    }

    /** Whether the probe's caller holds the admin role (no request, or no security: not authorized). */
    private boolean authorized() {
        if (!identity.isResolvable()) {
            return false;
        }
        try {
            SecurityIdentity caller = identity.get();
            return !caller.isAnonymous() && caller.hasRole(adminRole);
        } catch (ContextNotActiveException e) {
            return false;
        }
    }
}
