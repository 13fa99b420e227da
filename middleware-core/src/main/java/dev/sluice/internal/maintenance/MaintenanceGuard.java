package dev.sluice.internal.maintenance;

import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.http.RetryAfter;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.maintenance.MaintenanceWindow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Refuses requests while maintenance is on (CONTRACT §1): FULL refuses every request in scope, READ_ONLY
 * only unsafe methods; bypassed callers pass. Maintenance comes from the store (switched by an operator)
 * or from a scheduled window that is open now.
 *
 * <p>With maintenance off and no windows configured this is one volatile read.
 */
public final class MaintenanceGuard {

    private final MaintenanceStore store;
    private final MaintenanceState[] windowStates;
    private final long[] windowStarts;
    private final long[] windowEnds;
    private final MaintenanceBypass bypass;
    private final Clock clock;

    public MaintenanceGuard(MaintenanceStore store, List<MaintenanceWindow> windows, MaintenanceBypass bypass, Clock clock) {
        this.store = store;
        this.bypass = bypass;
        this.clock = clock;
        this.windowStates = windows.stream().map(MaintenanceWindow::asState).toArray(MaintenanceState[]::new);
        this.windowStarts = windows.stream().mapToLong(w -> w.start().toEpochMilli()).toArray();
        this.windowEnds = windows.stream().mapToLong(w -> w.end().toEpochMilli()).toArray();
    }

    /** The maintenance in force at {@code now}, or {@code null}: read once per request, then passed on. */
    public MaintenanceState activeAt(Instant now) {
        return activeAt(store.current(), now.toEpochMilli());
    }

    /**
     * The refusal of {@code request} (normalised {@code path}) under {@code state}, the maintenance in force at
     * {@code now}, or {@code null}.
     */
    public Rejection check(RequestInfo request, String path, MaintenanceState state, Instant now) {
        if (!state.covers(path)) {
            return null;
        }
        if (state.mode() == MaintenanceMode.READ_ONLY && request.safeMethod()) {
            return null;
        }
        if (bypass.allows(request, state)) {
            return null;
        }
        return new Rejection(RejectionReason.MAINTENANCE, state.message(), retryAfter(state, now));
    }

    /**
     * The response that sets the bypass cookie when {@code request} visits the secret URL while maintenance is
     * in force (see {@link MaintenanceBypass}), else {@code null}.
     */
    public RenderedResponse grant(RequestInfo request, String path, MaintenanceState state, Instant now) {
        return bypass.grant(request, path, state, now);
    }

    /** Whether maintenance could refuse anything: switched on, or scheduled windows configured. One volatile read. */
    public boolean mayApply() {
        return windowStarts.length > 0 || store.current().isPresent();
    }

    /** The maintenance in force now, or empty: the operator's, else an open scheduled window. */
    public Optional<MaintenanceState> current() {
        return Optional.ofNullable(activeAt(store.current(), clock.millis()));
    }

    private MaintenanceState activeAt(Optional<MaintenanceState> switchedOn, long nowMillis) {
        if (switchedOn.isPresent()) {
            MaintenanceState s = switchedOn.get();
            if (s.activeAt(nowMillis)) {
                return s;
            }
        }
        for (int i = 0; i < windowStarts.length; i++) {
            if (nowMillis >= windowStarts[i] && nowMillis < windowEnds[i]) {
                return windowStates[i];
            }
        }
        return null;
    }

    /** Until the announced end (rounded up, at least 1 s); else the estimate; else none. */
    static RetryAfter retryAfter(MaintenanceState state, Instant now) {
        if (state.until() != null) {
            return RetryAfter.at(state.until(), now);
        }
        return state.retryAfter() == null ? null : RetryAfter.after(state.retryAfter(), now);
    }

    public MaintenanceStore store() {
        return store;
    }
}
