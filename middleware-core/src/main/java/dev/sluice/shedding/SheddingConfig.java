package dev.sluice.shedding;

import dev.sluice.internal.http.PathPatterns;
import dev.sluice.internal.shedding.AdaptiveConcurrencyLimit;
import dev.sluice.internal.shedding.FixedConcurrencyLimit;
import dev.sluice.internal.shedding.KneeConcurrencyLimit;

import java.time.Duration;
import java.util.Set;

/**
 * {@code sluice.shedding.*}: when Sluice refuses work to keep the service's goodput (CONTRACT §1, 503
 * {@code overload}).
 *
 * @param enabled           whether requests take a permit under a concurrency limit at all
 * @param limitType         fixed, or an adaptive algorithm
 * @param limitMax          fixed: the limit; adaptive: its upper bound
 * @param limitInitial      adaptive: the limit it starts from
 * @param limitMin          adaptive: the lowest it goes
 * @param normalShare       normal requests are admitted while in flight &lt; share × limit
 * @param sheddableShare    the same for sheddable requests
 * @param critical          requests that are critical (shed last)
 * @param sheddable         requests that are sheddable (shed first)
 * @param priorityHeader    header a trusted proxy may send to name the priority, or {@code null} (the default): none
 * @param cpuSheddableAbove process CPU (0–1) above which sheddable requests are refused; {@code null}: off
 * @param cpuNormalAbove    process CPU above which normal requests are refused too; {@code null}: off
 * @param cpuSampleInterval how often process CPU is sampled (off the request path)
 * @param queueTimeMax      refuse a request that waited longer than this in front of the app; {@code null}: off
 * @param queueTimeHeader   header carrying when a trusted proxy received the request
 */
public record SheddingConfig(boolean enabled, LimitType limitType, int limitMax, int limitInitial, int limitMin,
                             double normalShare, double sheddableShare, PriorityRule critical, PriorityRule sheddable,
                             String priorityHeader, Double cpuSheddableAbove, Double cpuNormalAbove,
                             Duration cpuSampleInterval, Duration queueTimeMax, String queueTimeHeader) {

    public static final int DEFAULT_LIMIT_MAX = 200;
    public static final double DEFAULT_NORMAL_SHARE = 0.5;
    public static final double DEFAULT_SHEDDABLE_SHARE = 0.25;
    /** No priority header is believed unless one is configured (see {@code sluice.shedding.priority-header}). */
    public static final String DEFAULT_PRIORITY_HEADER = null;
    public static final String DEFAULT_QUEUE_TIME_HEADER = "X-Request-Start";
    public static final Duration DEFAULT_CPU_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    /** Which {@link ConcurrencyLimit} {@code sluice.shedding.limit.type} names. */
    public enum LimitType {
        FIXED, GRADIENT2, VEGAS,
        /** {@link KneeConcurrencyLimit}: three times the service's measured parallelism, only while it is overloaded. */
        KNEE
    }

    /** Requests of one priority: paths matching {@code routes} and, when given, one of {@code methods}. */
    public record PriorityRule(PathPatterns routes, Set<String> methods) {
        public static final PriorityRule NONE = new PriorityRule(PathPatterns.none(), Set.of());

        public PriorityRule {
            methods = Set.copyOf(methods);
        }

        public boolean matches(String method, String path) {
            return !routes.isEmpty() && routes.matches(path) && (methods.isEmpty() || methods.contains(method));
        }
    }

    /** The concurrency limit this configuration describes. */
    public ConcurrencyLimit newLimit() {
        return switch (limitType) {
            case FIXED -> new FixedConcurrencyLimit(limitMax);
            case GRADIENT2 -> AdaptiveConcurrencyLimit.gradient2(limitInitial, limitMin, limitMax);
            case VEGAS -> AdaptiveConcurrencyLimit.vegas(limitInitial, limitMin, limitMax);
            case KNEE -> new KneeConcurrencyLimit(limitInitial, limitMin, limitMax, normalShare);
        };
    }
}
