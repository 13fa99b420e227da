package dev.sluice.maintenance;

import dev.sluice.internal.http.PathPatterns;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled maintenance window from configuration ({@code sluice.maintenance.windows[n].*}): on at
 * {@code start}, off at {@code end}, without a restart.
 */
public record MaintenanceWindow(Instant start, Instant end, MaintenanceMode mode, String message, PathPatterns scope) {

    public MaintenanceWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(message, "message");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start, but was start=" + start + " end=" + end);
        }
        scope = scope == null ? PathPatterns.none() : scope;
    }

    /** The state this window stands for while it is open. */
    public MaintenanceState asState() {
        return new MaintenanceState(mode, message, start, end, scope, null);
    }
}
