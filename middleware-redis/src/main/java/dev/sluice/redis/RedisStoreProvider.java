package dev.sluice.redis;

import dev.sluice.SluiceConfig;
import dev.sluice.SluiceConfigException;
import dev.sluice.store.RedisSettings;
import dev.sluice.store.SharedStore;
import dev.sluice.store.SharedStoreProvider;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@code redis} shared store (CONTRACT §10): the maintenance switch and the per-client buckets of every instance
 * of a service, through Redis, with Lettuce. Selected by {@code sluice.maintenance.store=redis} and/or
 * {@code sluice.client-limits.store=redis} (found with {@link java.util.ServiceLoader}), or given in code with
 * {@link SluiceConfig.Builder#sharedStore}.
 *
 * <p>With the no-argument constructor the store makes and owns its own client from {@code sluice.redis.*}: commands
 * are rejected at once while disconnected (Lettuce's default would queue them), every command expires after the
 * admin timeout, and a lost connection is re-made within half a second of Redis being back. With
 * {@link #RedisStoreProvider(RedisClient)} it uses the application's client (its URI, options and threads) and never
 * shuts it down; Sluice bounds every wait itself and cancels what it stops waiting for, whatever the client's
 * options, but how fast a lost connection is re-made is then the client's reconnect delay.
 *
 * <p>Opening never fails because Redis is out of reach: the store starts fail-static and connects in the background.
 */
public final class RedisStoreProvider implements SharedStoreProvider {

    /** Longest pause between two attempts to re-make a lost connection (the own client's): bounds convergence after an outage. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(500);

    private final RedisClient applicationClient;

    /** A store with its own Redis client, made from {@code sluice.redis.*} (this is what {@link java.util.ServiceLoader} uses). */
    public RedisStoreProvider() {
        this.applicationClient = null;
    }

    /**
     * A store that uses the application's Redis client (e.g. Spring Data Redis's
     * {@code LettuceConnectionFactory.getNativeClient()} when it is a {@link RedisClient}; Redis Cluster is not
     * supported). The client must have been created with its URI ({@code RedisClient.create(uri)}); the store
     * opens two connections of its own with it and closes only those.
     */
    public RedisStoreProvider(RedisClient applicationClient) {
        this.applicationClient = Objects.requireNonNull(applicationClient, "applicationClient");
    }

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public SharedStore open(SluiceConfig config) {
        if (applicationClient != null) {
            return new RedisSharedStore(applicationClient, "the application's Redis client", () -> { }, config);
        }
        RedisSettings settings = config.redis();
        RedisURI uri;
        try {
            uri = RedisURI.create(settings.uri());
        } catch (RuntimeException e) {
            throw new SluiceConfigException("sluice.redis.uri", "is not a Redis URI: " + e.getMessage());
        }
        uri.setTimeout(settings.adminTimeout());
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2) // two connections; Lettuce's default is one thread per core, per Sluice
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.adminTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.adminTimeout()))
                .build());
        Runnable shutdown = () -> {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        };
        try {
            return new RedisSharedStore(client, withoutCredentials(settings.uri()), shutdown, config);
        } catch (RuntimeException | Error e) {
            shutdown.run(); // the client's threads would outlive a Sluice that never started
            throw e;
        }
    }

    /** The URI for the log: scheme, host, port and database, never the password. */
    static String withoutCredentials(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }
}
