package dev.sluice.redis;

import dev.sluice.SluiceConfig;
import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceStore;
import dev.sluice.store.RedisSettings;
import dev.sluice.store.SharedStore;
import io.lettuce.core.RedisClient;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Redis store of one Sluice: the link (two connections), the maintenance store and the per-client buckets, and
 * one daemon thread for everything done in the background (connecting, reading, the heartbeat, published changes).
 * The stores a configuration uses are made at once, so the first read of the maintenance state and a first check
 * happen while Sluice starts (each bounded by the admin timeout; at once when Redis refuses the connection) and the
 * outage's log line can say what each store does.
 */
final class RedisSharedStore implements SharedStore {

    private final SluiceConfig config;
    private final ScheduledExecutorService executor;
    private final RedisLink link;
    private final Runnable closeClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    private RedisMaintenanceStore maintenance;
    private RedisClientBucketStore buckets;

    /**
     * @param client      the client to connect with
     * @param target      where Redis is, without credentials (for the log and the admin's messages)
     * @param closeClient shuts down what the store owns (its own client); does nothing for an application's client
     */
    RedisSharedStore(RedisClient client, String target, Runnable closeClient, SluiceConfig config) {
        this.config = config;
        this.closeClient = closeClient;
        RedisSettings redis = config.redis();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-redis-" + redis.namespace());
            t.setDaemon(true);
            return t;
        });
        this.link = new RedisLink(client, target, executor, redis.pollInterval(), redis.adminTimeout(), config.clock());
        if (config.maintenance().store() == MaintenanceConfig.StoreType.REDIS && config.customMaintenanceStore() == null) {
            maintenance = newMaintenanceStore();
        }
        if (config.clientLimitStore() == ClientLimitConfig.StoreType.REDIS) {
            buckets = newBucketStore();
        }
        link.start();
        link.awaitFirstAttempt(redis.adminTimeout());
        if (maintenance != null) {
            maintenance.start();
        }
        if (buckets != null) {
            buckets.warmUp(redis.adminTimeout());
        }
    }

    @Override
    public synchronized MaintenanceStore maintenanceStore() {
        if (maintenance == null) {
            maintenance = newMaintenanceStore();
            maintenance.start();
        }
        return maintenance;
    }

    @Override
    public synchronized ClientBucketStore clientBucketStore() {
        if (buckets == null) {
            buckets = newBucketStore();
            buckets.warmUp(config.redis().adminTimeout());
        }
        return buckets;
    }

    private RedisMaintenanceStore newMaintenanceStore() {
        return new RedisMaintenanceStore(link, executor, config.redis(), config.maintenance(), config.clock());
    }

    private RedisClientBucketStore newBucketStore() {
        return new RedisClientBucketStore(link, config.redis().namespace(), config.redis().timeout(), config.clock());
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        link.close();
        executor.shutdown(); // what is queued (a state file to write) still runs; the schedules stop
        try {
            if (!executor.awaitTermination(config.redis().adminTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closeClient.run();
    }
}
