package dev.sluice.clientlimit;

import dev.sluice.internal.http.PathPatterns;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A per-client limit on some routes ({@code sluice.client-limits.policies.<name>.*}).
 *
 * @param name         policy name, as it appears in the RateLimit fields
 * @param routes       path patterns it applies to
 * @param methods      methods it applies to (upper case); empty means all
 * @param limits       one or more bandwidths; a request must fit all of them
 * @param refill       how spent quota comes back
 * @param keys         how the client is keyed; with several, a request must fit the limits of each
 * @param apiKeyHeader header read by the API-key resolvers
 */
public record ClientLimitPolicy(String name, PathPatterns routes, Set<String> methods, List<Quota> limits,
                                Refill refill, List<ClientKeyType> keys, String apiKeyHeader) {

    public static final String DEFAULT_API_KEY_HEADER = "X-Api-Key";

    public ClientLimitPolicy {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("policy name must be letters, digits, '_', '.', '-', but was '" + name + "'");
        }
        Objects.requireNonNull(routes, "routes");
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("policy '" + name + "' needs at least one route pattern");
        }
        methods = methods == null ? Set.of() : Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
        limits = List.copyOf(limits);
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("policy '" + name + "' needs at least one limit such as 5/10s");
        }
        Objects.requireNonNull(refill, "refill");
        keys = List.copyOf(keys);
        if (keys.isEmpty() || keys.size() != Set.copyOf(keys).size()) {
            throw new IllegalArgumentException("policy '" + name + "' needs one or more distinct keys, but was " + keys);
        }
        apiKeyHeader = apiKeyHeader == null ? DEFAULT_API_KEY_HEADER : apiKeyHeader;
    }

    /** The longest window of its limits: a client's bucket must be kept at least that long. */
    Duration longestWindow() {
        return limits.stream().map(Quota::window).max(Duration::compareTo).orElseThrow();
    }

    boolean appliesTo(String method, String path) {
        return (methods.isEmpty() || methods.contains(method)) && routes.matches(path);
    }
}
