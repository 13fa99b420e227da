package dev.sluice.maintenance;

import dev.sluice.internal.http.PathPatterns;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Maintenance that is switched on.
 *
 * @param mode       FULL or READ_ONLY
 * @param message    shown to clients in the body
 * @param since      when it was switched on
 * @param until      announced end, or {@code null}; maintenance ends by itself at this instant and
 *                   Retry-After counts down to it
 * @param scope      paths it applies to; empty means every path that is not exempt
 * @param retryAfter estimate sent as Retry-After when no {@code until} is known, or {@code null}
 */
public record MaintenanceState(MaintenanceMode mode, String message, Instant since, Instant until,
                               PathPatterns scope, Duration retryAfter) {

    public MaintenanceState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
        scope = scope == null ? PathPatterns.none() : scope;
    }

    /** Whether it is still on at {@code epochMillis} (it ends by itself at {@code until}). */
    public boolean activeAt(long epochMillis) {
        return until == null || epochMillis < until.toEpochMilli();
    }

    /** Whether it covers {@code path}. */
    public boolean covers(String path) {
        return scope.isEmpty() || scope.matches(path);
    }
}
