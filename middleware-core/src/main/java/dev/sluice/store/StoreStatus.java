package dev.sluice.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store says of itself, for the admin state and health: which store, whether it shares its state with
 * other instances, and for a shared store whether it reaches that state now. A store that cannot reach its
 * shared state keeps serving the last state it knew (CONTRACT §6, §10); this status is how an operator sees it.
 *
 * @param type      {@code memory}, {@code file}, {@code redis} or {@code custom}
 * @param shared    whether other instances see the same state through it
 * @param connected whether it reaches the shared state now (always true for a store that shares nothing)
 * @param since     when the store last became connected or disconnected; {@code null} for a store that shares nothing
 * @param lastSync  when this instance last read or wrote the shared state successfully; {@code null} if never
 */
public record StoreStatus(String type, boolean shared, boolean connected, Instant since, Instant lastSync) {

    public StoreStatus {
        Objects.requireNonNull(type, "type");
    }

    /** The status of a store that keeps this instance's state only. */
    public static StoreStatus local(String type) {
        return new StoreStatus(type, false, true, null, null);
    }
}
