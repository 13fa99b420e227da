package dev.sluice.internal.dependency;

import dev.sluice.dependency.BreakerStatus;
import dev.sluice.dependency.Dependency;
import dev.sluice.dependency.DependencyBreakers;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.http.RetryAfter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request before the application runs when a dependency its route needs has a breaker that is
 * OPEN or FORCED_OPEN (CONTRACT §1): 503 {@code dependency-unavailable}, Retry-After = seconds until the
 * breaker lets a trial call through (at least 1), or the configured estimate while forced open. HALF_OPEN
 * trial calls pass, as does the first request after the open wait has run out (that call is what moves a
 * Resilience4j breaker to HALF_OPEN). Routes that do not declare the dependency are never refused.
 */
public final class DependencyGuard {

    static final String DETAIL = "A service this request needs is temporarily unavailable.";

    private final Dependency[] dependencies;
    private final DependencyBreakers breakers;
    private final Clock clock;

    public DependencyGuard(List<Dependency> dependencies, DependencyBreakers breakers, Clock clock) {
        this.dependencies = dependencies.toArray(Dependency[]::new);
        this.breakers = breakers;
        this.clock = clock;
    }

    public boolean isEmpty() {
        return dependencies.length == 0;
    }

    /** The refusal of {@code request} (normalised {@code path}) while a dependency it needs is down, or {@code null}. */
    public Rejection check(RequestInfo request, String path) {
        for (Dependency d : dependencies) {
            if (!d.neededBy(request.method(), path)) {
                continue;
            }
            Instant now = clock.instant();
            BreakerStatus status = breakers.status(d.breaker(), now);
            if (status.refuses()) {
                return rejection(status, d, now);
            }
        }
        return null;
    }

    /**
     * The 503 for a breaker that refuses: Retry-After from the breaker's clock while OPEN, 1 s while its
     * trial calls run (HALF_OPEN), the configured estimate when forced open or unknown.
     */
    static Rejection rejection(BreakerStatus status, Dependency d, Instant now) {
        RetryAfter retryAfter;
        if (status.state() == BreakerStatus.State.OPEN && status.untilRetry() != null) {
            retryAfter = RetryAfter.after(status.untilRetry(), now);
        } else if (status.state() == BreakerStatus.State.HALF_OPEN || status.state() == BreakerStatus.State.OPEN) {
            retryAfter = RetryAfter.after(java.time.Duration.ofSeconds(1), now); // trial calls are under way
        } else {
            retryAfter = RetryAfter.after(d.forcedOpenRetryAfter(), now);
        }
        return new Rejection(RejectionReason.DEPENDENCY_UNAVAILABLE, DETAIL, retryAfter, Map.of(), d.name());
    }

    /** The 503 for a "call not permitted" thrown by the named breaker inside the application. */
    public Rejection rejectionForBreaker(String breaker) {
        Instant now = clock.instant();
        BreakerStatus status = breakers == null ? BreakerStatus.UNKNOWN : breakers.status(breaker, now);
        for (Dependency d : dependencies) {
            if (d.breaker().equals(breaker)) {
                return rejection(status, d, now);
            }
        }
        return rejection(status, new Dependency(breaker, dev.sluice.internal.http.PathPatterns.none(), null, breaker, null), now);
    }

    public List<Dependency> dependencies() {
        return List.of(dependencies);
    }

    public DependencyBreakers breakers() {
        return breakers;
    }
}
