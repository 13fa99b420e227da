package dev.sluice.internal.admin;

import dev.sluice.internal.maintenance.MaintenanceGuard;
import dev.sluice.internal.shedding.LoadShedder;
import dev.sluice.internal.shutdown.ShutdownDrain;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceRequest;
import dev.sluice.maintenance.MaintenanceState;

import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.clientlimit.ClientLimitPolicy;
import dev.sluice.dependency.BreakerOverride;
import dev.sluice.dependency.Dependency;
import dev.sluice.internal.dependency.DependencyGuard;
import dev.sluice.internal.event.AuditLog;
import dev.sluice.internal.failure.StatusAudit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one admin API: the actuator endpoint, the Quarkus management route and the admin servlet all call
 * it. Each write takes effect once, answers with the new state and is logged (who, what, when; never a
 * secret).
 */
public final class AdminOperations {

    private final MaintenanceGuard maintenance;
    private final MaintenanceConfig config;
    private final ClientBucketStore clientLimitStore;
    private final DependencyGuard dependencies;
    private final List<ClientLimitPolicy> clientLimits;
    private final StatusAudit audit;
    private final Clock clock;

    private final LoadShedder shedding;
    private final ShutdownDrain drain;

    /** @param shedding the load shedder, or {@code null} when shedding is off */
    public AdminOperations(MaintenanceGuard maintenance, MaintenanceConfig config, ClientBucketStore clientLimitStore,
                           DependencyGuard dependencies, List<ClientLimitPolicy> clientLimits, LoadShedder shedding,
                           StatusAudit audit, ShutdownDrain drain, Clock clock) {
        this.drain = drain;
        this.shedding = shedding;
        this.maintenance = maintenance;
        this.config = config;
        this.clientLimitStore = clientLimitStore;
        this.dependencies = dependencies;
        this.clientLimits = List.copyOf(clientLimits);
        this.audit = audit;
        this.clock = clock;
    }

    public AdminState state() {
        Optional<MaintenanceState> now = maintenance.current();
        Optional<MaintenanceState> switched = maintenance.store().current();
        String source = now.isEmpty() ? null : switched.isPresent() && switched.get() == now.get() ? "operator" : "schedule";
        Instant at = clock.instant();
        List<AdminState.DependencyView> views = dependencies.dependencies().stream()
                .map(d -> new AdminState.DependencyView(d.name(), d.breaker(), dependencies.breakers().status(d.breaker(), at)))
                .toList();
        return new AdminState(now, source, maintenance.store().status(), clientLimitStore.status(), config.windows(), views, clientLimits,
                Optional.ofNullable(shedding).map(LoadShedder::snapshot), audit.findings(), audit.statuses(),
                Optional.ofNullable(drain.since()), at);
    }

    /**
     * Forces the breaker of dependency {@code name} open or closed, or back to normal.
     *
     * @throws IllegalArgumentException if no dependency has that name
     */
    public AdminState overrideDependency(String name, BreakerOverride override, String actor) {
        Dependency d = dependencies.dependencies().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dependency named '" + name + "'"));
        dependencies.breakers().override(d.breaker(), override);
        AuditLog.log("dependency-override", actor, clock.instant(), "dependency", name, "override", override);
        return state();
    }

    /**
     * Switches maintenance on as {@code request} says.
     *
     * @param actor who asks, for the audit log (a principal name or "bearer token from 192.0.2.1")
     * @throws dev.sluice.maintenance.InvalidMaintenanceRequestException naming the field; nothing changes
     * @throws dev.sluice.store.StoreUnavailableException when a shared store cannot reach the shared state; nothing changes
     */
    public AdminState maintenanceOn(MaintenanceRequest request, String actor) {
        MaintenanceState state = request.toState(clock.instant(), config.message(), config.retryAfter(), true);
        maintenance.store().activate(state);
        AuditLog.log("maintenance-on", actor, state.since(), "mode", state.mode(), "until", state.until(),
                "scope", state.scope().isEmpty() ? null : String.join(",", state.scope().asStrings()), "message", state.message());
        return state();
    }

    /**
     * Switches maintenance off; requests already admitted finish normally.
     *
     * @throws dev.sluice.store.StoreUnavailableException when a shared store cannot reach the shared state; nothing changes
     */
    public AdminState maintenanceOff(String actor) {
        maintenance.store().deactivate();
        AuditLog.log("maintenance-off", actor, clock.instant());
        return state();
    }
}
