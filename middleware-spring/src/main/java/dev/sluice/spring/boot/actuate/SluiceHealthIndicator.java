package dev.sluice.spring.boot.actuate;

import dev.sluice.Sluice;
import dev.sluice.internal.admin.AdminState;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceState;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports Sluice's state in the health details, UP during maintenance: maintenance is not an outage, and a
 * DOWN probe makes load balancers drop the instance and answer their own 502/503 without Sluice's
 * Retry-After. With {@code sluice.health.ready-during-maintenance=false} it reports
 * OUT_OF_SERVICE during FULL maintenance instead (for platforms that must drain the instance).
 */
public final class SluiceHealthIndicator extends AbstractHealthIndicator {

    private final Sluice sluice;
    private final boolean outOfServiceDuringMaintenance;

    public SluiceHealthIndicator(Sluice sluice, boolean outOfServiceDuringMaintenance) {
        super("Sluice health check failed");
        this.sluice = sluice;
        this.outOfServiceDuringMaintenance = outOfServiceDuringMaintenance;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        AdminState state = sluice.admin().state();
        Map<String, Object> maintenance = new LinkedHashMap<>();
        maintenance.put("active", state.maintenance().isPresent());
        state.maintenance().ifPresent(m -> {
            maintenance.put("mode", m.mode().name());
            maintenance.put("message", m.message());
            if (m.until() != null) {
                maintenance.put("until", m.until().toString());
            }
        });
        Map<String, Object> dependencies = new LinkedHashMap<>();
        state.dependencies().forEach(d -> dependencies.put(d.name(), d.status().state().name()));
        boolean full = state.maintenance().map(MaintenanceState::mode).filter(m -> m == MaintenanceMode.FULL).isPresent();
        (outOfServiceDuringMaintenance && full ? builder.outOfService() : builder.up())
                .withDetail("maintenance", maintenance)
                .withDetail("dependencies", dependencies);
        // Shedding is reported, never a reason to go DOWN: an overloaded instance dropped by its load
        // balancer only moves the load to the others.
        state.shedding().ifPresent(s -> builder.withDetail("shedding",
                Map.of("limit", s.limit(), "inFlight", s.inFlight(), "limitType", s.limitType())));
        // Draining turns readiness down through Spring's own ReadinessState; this indicator only says so.
        state.drainingSince().ifPresent(since -> builder.withDetail("draining", Map.of("since", since.toString())));
        // A shared store out of reach is reported, never a reason to go DOWN: every instance keeps its last state.
        if (state.store().shared()) {
            builder.withDetail("store", storeDetails(state.store()));
        }
        if (state.clientLimitStore().shared()) {
            builder.withDetail("clientLimitStore", storeDetails(state.clientLimitStore()));
        }
    }

    private static Map<String, Object> storeDetails(dev.sluice.store.StoreStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", status.type());
        details.put("connected", status.connected());
        if (status.since() != null) {
            details.put("since", status.since().toString());
        }
        if (status.lastSync() != null) {
            details.put("lastSync", status.lastSync().toString());
        }
        return details;
    }
}
