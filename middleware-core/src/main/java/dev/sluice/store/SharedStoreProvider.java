package dev.sluice.store;

import dev.sluice.SluiceConfig;

/**
 * Opens a {@link SharedStore} of one type. Found by {@link java.util.ServiceLoader} when a property names
 * the type (the {@code sluice-redis} module provides {@code redis}), or given in code with
 * {@link SluiceConfig.Builder#sharedStore(SharedStoreProvider)}, e.g. by the Spring Boot starter to reuse the
 * application's Redis client.
 */
public interface SharedStoreProvider {

    /** The value of {@code sluice.maintenance.store} / {@code sluice.client-limits.store} that selects it. */
    String type();

    /**
     * Opens the store for {@code config} ({@link SluiceConfig#redis()}, the maintenance defaults). Must not
     * fail because the shared state is out of reach: the store then starts fail-static and connects later.
     */
    SharedStore open(SluiceConfig config);
}
