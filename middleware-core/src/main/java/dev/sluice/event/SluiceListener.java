package dev.sluice.event;

/**
 * Receives what Sluice does. Metrics and logging live in listeners in the adapters, so the core needs
 * neither. Methods run on the thread that caused the event and must return quickly.
 */
public interface SluiceListener {

    default void onMaintenanceChanged(MaintenanceChanged event) {
    }

    default void onRequestRejected(RequestRejected event) {
    }

    default void onAuditFinding(AuditFinding event) {
    }
}
