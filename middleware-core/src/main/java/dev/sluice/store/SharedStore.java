package dev.sluice.store;

import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.maintenance.MaintenanceStore;

/**
 * State every instance of a service shares (CONTRACT §10): the maintenance switch and the per-client
 * buckets, over its own connections to the shared state. Opened by a {@link SharedStoreProvider} when {@code sluice.maintenance.store}
 * or {@code sluice.client-limits.store} names it, and closed by {@code Sluice.close()}.
 */
public interface SharedStore extends AutoCloseable {

    /** The maintenance switch, kept in memory and current with the shared state; reading it never blocks. */
    MaintenanceStore maintenanceStore();

    /** The per-client buckets, shared, with this instance's own buckets as the fallback while the store is out of reach. */
    ClientBucketStore clientBucketStore();

    /** Closes the store's connections (a client given by the application stays the application's). */
    @Override
    void close();
}
