package dev.sluice.maintenance;

import dev.sluice.store.StoreStatus;
import dev.sluice.store.StoreUnavailableException;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the switched-on maintenance state lives. Implementations: {@link InMemoryMaintenanceStore}
 * (one instance), {@link FileFlagMaintenanceStore} (every instance that reads one file), and a shared
 * store in {@code sluice-redis}.
 *
 * <p>{@link #current()} is read on every request: it must be a plain volatile read, no I/O, no lock. A store
 * that shares its state keeps it in memory and current by itself; while the shared state is out of reach it
 * keeps the last state it knew (fail-static) and refuses changes with {@link StoreUnavailableException}.
 */
public interface MaintenanceStore extends AutoCloseable {

    /** The maintenance that is switched on, or empty. Never blocks. */
    Optional<MaintenanceState> current();

    /**
     * Switches maintenance on (replacing any earlier state).
     *
     * @throws StoreUnavailableException when a shared store cannot reach the shared state: nothing changed
     */
    void activate(MaintenanceState state);

    /**
     * Switches maintenance off.
     *
     * @throws StoreUnavailableException when a shared store cannot reach the shared state: nothing changed
     */
    void deactivate();

    /** Which store this is and, for a shared one, whether it reaches the shared state. */
    default StoreStatus status() {
        return StoreStatus.local("custom");
    }

    /** Registers a listener called with the new state after every change, from whichever thread saw it. */
    void onChange(Consumer<Optional<MaintenanceState>> listener);

    @Override
    default void close() {
    }
}
