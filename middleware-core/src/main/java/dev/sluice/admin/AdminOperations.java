package dev.sluice.admin;

import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceGuard;
import dev.sluice.maintenance.MaintenanceRequest;
import dev.sluice.maintenance.MaintenanceState;

import java.time.Clock;
import java.util.Optional;

/**
 * The one admin API: the actuator endpoint, the Quarkus management route and the admin servlet all call
 * it. Each write takes effect once, answers with the new state and is logged (who, what, when; never a
 * secret).
 */
public final class AdminOperations {

    private static final System.Logger AUDIT = System.getLogger("dev.sluice.admin");

    private final MaintenanceGuard maintenance;
    private final MaintenanceConfig config;
    private final String storeName;
    private final Clock clock;

    public AdminOperations(MaintenanceGuard maintenance, MaintenanceConfig config, String storeName, Clock clock) {
        this.maintenance = maintenance;
        this.config = config;
        this.storeName = storeName;
        this.clock = clock;
    }

    public AdminState state() {
        Optional<MaintenanceState> now = maintenance.current();
        Optional<MaintenanceState> switched = maintenance.store().current();
        String source = now.isEmpty() ? null : switched.isPresent() && switched.get() == now.get() ? "operator" : "schedule";
        return new AdminState(now, source, storeName, config.windows(), clock.instant());
    }

    /**
     * Switches maintenance on as {@code request} says.
     *
     * @param actor who asks, for the audit log (a principal name or "bearer token from 192.0.2.1")
     * @throws dev.sluice.maintenance.InvalidMaintenanceRequestException naming the field; nothing changes
     */
    public AdminState maintenanceOn(MaintenanceRequest request, String actor) {
        MaintenanceState state = request.toState(clock.instant(), config.message(), config.retryAfter(), true);
        maintenance.store().activate(state);
        AUDIT.log(System.Logger.Level.INFO, () -> "maintenance switched on by " + actor + ": mode=" + state.mode()
                + " until=" + state.until() + " scope=" + state.scope() + " at " + state.since());
        return state();
    }

    /** Switches maintenance off; requests already admitted finish normally. */
    public AdminState maintenanceOff(String actor) {
        maintenance.store().deactivate();
        AUDIT.log(System.Logger.Level.INFO, () -> "maintenance switched off by " + actor + " at " + clock.instant());
        return state();
    }
}
