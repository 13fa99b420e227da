package dev.sluice.internal.maintenance;

import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.store.StoreStatus;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Maintenance state of this instance only, held in one volatile field. The default store. */
public final class InMemoryMaintenanceStore implements MaintenanceStore {

    private final List<Consumer<Optional<MaintenanceState>>> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<MaintenanceState> current = Optional.empty();

    @Override
    public Optional<MaintenanceState> current() {
        return current;
    }

    @Override
    public void activate(MaintenanceState state) {
        set(Optional.of(state));
    }

    @Override
    public void deactivate() {
        set(Optional.empty());
    }

    private void set(Optional<MaintenanceState> next) {
        current = next;
        listeners.forEach(l -> l.accept(next));
    }

    @Override
    public StoreStatus status() {
        return StoreStatus.local("memory");
    }

    @Override
    public void onChange(Consumer<Optional<MaintenanceState>> listener) {
        listeners.add(listener);
    }
}
