package dev.sluice.internal.failure;

import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.internal.dependency.DependencyGuard;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.internal.http.PathPatterns;
import dev.sluice.internal.http.RequestPath;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which failures thrown by the application Sluice answers, and how (CONTRACT §1):
 * <ul>
 *   <li>a breaker's "call not permitted" (Resilience4j {@code CallNotPermittedException}, SmallRye
 *       {@code CircuitBreakerOpenException}) → 503 {@code dependency-unavailable}, Retry-After from the breaker;</li>
 *   <li>a full bulkhead, a global rate limiter's refusal (Resilience4j {@code RequestNotPermitted}) → 503
 *       {@code overload} with a jittered Retry-After (capacity, not the client's fault);</li>
 *   <li>on gateway routes, {@link UpstreamResponseException} → 502 and {@link UpstreamTimeoutException} → 504,
 *       and so do the client-library exceptions configured for them ({@code sluice.gateway.bad-response-exceptions},
 *       {@code sluice.gateway.timeout-exceptions}), which count only on configured gateway routes;</li>
 *   <li>anything else is not Sluice's: the framework's own error handling answers it (500). An application
 *       bug is never turned into 502 or 503.</li>
 * </ul>
 * Libraries are recognised by class name, so none of them is needed on the class path.
 */
public final class FailureClassifier {

    static final String BAD_GATEWAY_DETAIL = "The upstream service returned a response that could not be used.";
    static final String GATEWAY_TIMEOUT_DETAIL = "The upstream service did not answer in time.";
    static final String OVERLOAD_DETAIL = "The service is handling too many requests right now. Please try again shortly.";
    private static final int MAX_CAUSE_DEPTH = 16;

    private final PathPatterns gatewayRoutes;
    private final Set<String> badResponseTypes;
    private final Set<String> timeoutTypes;
    private final DependencyGuard dependencies;
    private final JitteredRetryAfter overloadRetryAfter;
    private final Clock clock;

    /**
     * @param gatewayRoutes routes where the app is a gateway; empty means every route (the app declares
     *                      gateway failures by throwing the upstream exceptions)
     */
    public FailureClassifier(PathPatterns gatewayRoutes, DependencyGuard dependencies, JitteredRetryAfter overloadRetryAfter, Clock clock) {
        this(gatewayRoutes, Set.of(), Set.of(), dependencies, overloadRetryAfter, clock);
    }

    /**
     * @param badResponseTypes class names of a client library's "unusable upstream answer" exceptions; on
     *                         gateway routes they answer 502 like {@link UpstreamResponseException}
     * @param timeoutTypes     class names of upstream timeout exceptions (e.g. {@code java.net.http.HttpTimeoutException});
     *                         on gateway routes they answer 504 like {@link UpstreamTimeoutException}
     */
    public FailureClassifier(PathPatterns gatewayRoutes, Set<String> badResponseTypes, Set<String> timeoutTypes,
                             DependencyGuard dependencies, JitteredRetryAfter overloadRetryAfter, Clock clock) {
        this.gatewayRoutes = gatewayRoutes;
        this.badResponseTypes = Set.copyOf(badResponseTypes);
        this.timeoutTypes = Set.copyOf(timeoutTypes);
        this.dependencies = dependencies;
        this.overloadRetryAfter = overloadRetryAfter;
        this.clock = clock;
    }

    /** The rejection for {@code failure} or one of its causes; empty when the failure is not Sluice's. */
    public Optional<Rejection> classify(Throwable failure, RequestInfo request) {
        String path = RequestPath.normalize(request.path()); // null (ambiguous): no gateway route
        boolean gatewayRoute = path != null && (gatewayRoutes.isEmpty() || gatewayRoutes.matches(path));
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof UpstreamResponseException || t instanceof UpstreamTimeoutException) {
                if (!gatewayRoute) {
                    return Optional.empty(); // not a gateway route: an application failure, left as 500
                }
                return Optional.of(t instanceof UpstreamResponseException
                        ? new Rejection(RejectionReason.BAD_GATEWAY, BAD_GATEWAY_DETAIL, null)
                        : new Rejection(RejectionReason.GATEWAY_TIMEOUT, GATEWAY_TIMEOUT_DETAIL, null));
            }
            if (!gatewayRoutes.isEmpty() && gatewayRoute) {
                if (isA(t, badResponseTypes)) {
                    return Optional.of(new Rejection(RejectionReason.BAD_GATEWAY, BAD_GATEWAY_DETAIL, null));
                }
                if (isA(t, timeoutTypes)) {
                    return Optional.of(new Rejection(RejectionReason.GATEWAY_TIMEOUT, GATEWAY_TIMEOUT_DETAIL, null));
                }
            }
            String type = t.getClass().getName();
            switch (type) {
                case "io.github.resilience4j.circuitbreaker.CallNotPermittedException" -> {
                    return Optional.of(dependencies.rejectionForBreaker(Resilience4jNames.breakerOf(t)));
                }
                case "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException" -> {
                    return Optional.of(dependencies.rejectionForBreaker(""));
                }
                case "io.github.resilience4j.bulkhead.BulkheadFullException",
                     "io.github.resilience4j.ratelimiter.RequestNotPermitted",
                     "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException" -> {
                    return Optional.of(new Rejection(RejectionReason.OVERLOAD, OVERLOAD_DETAIL, overloadRetryAfter.next(clock.instant())));
                }
                default -> {
                    // not a failure Sluice knows; look at its cause
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code t}'s class or one of its superclasses is named in {@code types}. */
    private static boolean isA(Throwable t, Set<String> types) {
        if (types.isEmpty()) {
            return false;
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (types.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Reads the breaker name; only loaded once a Resilience4j exception was seen, so the class is present. */
    private static final class Resilience4jNames {
        static String breakerOf(Throwable t) {
            return ((io.github.resilience4j.circuitbreaker.CallNotPermittedException) t).getCausingCircuitBreakerName();
        }
    }
}
