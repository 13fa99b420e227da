package dev.sluice.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code sluice.redis.*}: how the Redis store (module {@code sluice-redis}) reaches Redis. Stated in the core so
 * every adapter reads the same names.
 *
 * @param uri          where Redis is ({@code redis://host:port/db}, {@code rediss://} for TLS, credentials in the user info)
 * @param namespace    prefix of every key and channel; services that share a Redis need different ones
 * @param timeout      longest a request waits for its per-client check; then the instance's own buckets answer
 * @param adminTimeout longest an admin write waits for Redis; then it is answered 503 {@code store-unavailable}
 * @param pollInterval how often the maintenance state is re-read besides the pushed changes (a safety net)
 * @param stateFile    where the last known maintenance state is kept, so a restart while Redis is out of reach
 *                     keeps it; {@code null}: a file named after the namespace in the temporary directory
 */
public record RedisSettings(URI uri, String namespace, Duration timeout, Duration adminTimeout, Duration pollInterval,
                            Path stateFile) {

    public static final URI DEFAULT_URI = URI.create("redis://127.0.0.1:6379");
    public static final String DEFAULT_NAMESPACE = "sluice";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    public static final Duration DEFAULT_ADMIN_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(adminTimeout, "adminTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    public static RedisSettings defaults() {
        return new RedisSettings(DEFAULT_URI, DEFAULT_NAMESPACE, DEFAULT_TIMEOUT, DEFAULT_ADMIN_TIMEOUT, DEFAULT_POLL_INTERVAL, null);
    }

    /** The state file to use: the configured one, or {@code <java.io.tmpdir>/sluice-<namespace>-maintenance.json}. */
    public Path stateFileOrDefault() {
        if (stateFile != null) {
            return stateFile;
        }
        String safe = namespace.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "sluice-" + safe + "-maintenance.json");
    }
}
