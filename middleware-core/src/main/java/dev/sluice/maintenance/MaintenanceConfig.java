package dev.sluice.maintenance;

import dev.sluice.internal.http.IpRange;
import dev.sluice.internal.http.PathPatterns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code sluice.maintenance.*}.
 *
 * @param enabled           whether maintenance is on at start-up
 * @param mode              mode when switched on without one
 * @param message           message when switched on without one
 * @param retryAfter        Retry-After estimate when no end is announced, or {@code null}
 * @param scope             scope at start-up (empty: everything not exempt)
 * @param windows           scheduled windows
 * @param bypassAddresses   client addresses and CIDR blocks served during maintenance
 * @param bypassSecret      secret that lets a caller through, or {@code null}
 * @param bypassHeader      header that carries the secret
 * @param bypassCookie      cookie set by visiting {@code bypassPath/<secret>}
 * @param bypassPath        path prefix of the URL that sets the bypass cookie
 * @param store             where the switch lives
 * @param file              flag file of the {@code FILE} store
 * @param filePollInterval  how often the flag file is re-read
 */
public record MaintenanceConfig(boolean enabled, MaintenanceMode mode, String message, Duration retryAfter,
                                PathPatterns scope, List<MaintenanceWindow> windows,
                                List<IpRange> bypassAddresses, String bypassSecret, String bypassHeader,
                                String bypassCookie, String bypassPath, StoreType store, Path file,
                                Duration filePollInterval) {

    public static final String DEFAULT_MESSAGE = "The service is down for maintenance. Please try again later.";
    public static final Duration DEFAULT_FILE_POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * Where the switch lives: this instance, a flag file, or Redis (module {@code sluice-redis}); a custom
     * {@link MaintenanceStore} can be given to the builder instead.
     */
    public enum StoreType { MEMORY, FILE, REDIS }

    public MaintenanceConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(message, "message");
        scope = scope == null ? PathPatterns.none() : scope;
        windows = List.copyOf(windows);
        bypassAddresses = List.copyOf(bypassAddresses);
        Objects.requireNonNull(store, "store");
    }
}
