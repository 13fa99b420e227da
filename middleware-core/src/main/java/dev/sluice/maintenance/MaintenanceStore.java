package dev.sluice.maintenance;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the switched-on maintenance state lives. Implementations: {@link InMemoryMaintenanceStore}
 * (one instance), {@link FileFlagMaintenanceStore} (every instance that reads one file), and a shared
 * store in {@code sluice-redis}.
 *
 * <p>{@link #current()} is read on every request: it must be a plain volatile read, no I/O, no lock.
 */
public interface MaintenanceStore extends AutoCloseable {

    /** The maintenance that is switched on, or empty. Never blocks. */
    Optional<MaintenanceState> current();

    /** Switches maintenance on (replacing any earlier state). */
    void activate(MaintenanceState state);

    /** Switches maintenance off. */
    void deactivate();

    /** Registers a listener called with the new state after every change, from whichever thread saw it. */
    void onChange(Consumer<Optional<MaintenanceState>> listener);

    @Override
    default void close() {
    }
}
