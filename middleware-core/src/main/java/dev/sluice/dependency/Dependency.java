package dev.sluice.dependency;

import dev.sluice.internal.http.PathPatterns;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A dependency some routes need ({@code sluice.dependencies.<name>.*}).
 *
 * @param name                   the dependency's name (never sent to clients)
 * @param routes                 path patterns of the routes that need it
 * @param methods                methods (upper case); empty means all
 * @param breaker                name of the circuit breaker that watches it
 * @param forcedOpenRetryAfter   Retry-After while the breaker is forced open (no clock to count down)
 */
public record Dependency(String name, PathPatterns routes, Set<String> methods, String breaker, Duration forcedOpenRetryAfter) {

    public static final Duration DEFAULT_FORCED_OPEN_RETRY_AFTER = Duration.ofSeconds(60);

    public Dependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routes, "routes");
        methods = methods == null ? Set.of() : Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
        breaker = breaker == null || breaker.isBlank() ? name : breaker;
        forcedOpenRetryAfter = forcedOpenRetryAfter == null ? DEFAULT_FORCED_OPEN_RETRY_AFTER : forcedOpenRetryAfter;
    }

    /** Whether a request of {@code method} to {@code path} needs this dependency. */
    public boolean neededBy(String method, String path) {
        return (methods.isEmpty() || methods.contains(method)) && routes.matches(path);
    }
}
