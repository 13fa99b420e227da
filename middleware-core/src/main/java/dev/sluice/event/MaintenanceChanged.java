package dev.sluice.event;

import dev.sluice.maintenance.MaintenanceState;

import java.util.Optional;

/** Maintenance was switched on, changed or switched off; {@code current} is empty when it is off. */
public record MaintenanceChanged(Optional<MaintenanceState> current) {
}
