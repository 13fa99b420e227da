package dev.sluice.benchmarks.overload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ways the same app is protected, and their settings: on the Jetty app ({@link OverloadApp}) none, Sluice
 * (fixed, Gradient2, Vegas) and NCL; on the Quarkus app ({@code benchmarks/quarkus-app}) Sluice's extension and
 * quarkus-load-shedding. Every setting is derived from the app's known capacity (W workers, each request holds
 * one for the service time) and was fixed before the first measurement; docs/benchmarks.md ("Overload
 * experiment") gives the reasoning.
 */
public enum Variant {
    /** No filter: requests queue on the worker pool until the client gives up. */
    NONE("none"),
    /** Sluice with a fixed concurrency limit and priorities. */
    SLUICE_FIXED("sluice-fixed"),
    /** Sluice with its adaptive (Gradient2-style) limit and priorities. */
    SLUICE_ADAPTIVE("sluice-adaptive"),
    /**
     * Sluice with its Vegas limit, the same bounds and share as {@link #SLUICE_ADAPTIVE}. Added after the
     * first full run showed Gradient2 riding its ceiling; not one of the variants chosen beforehand.
     */
    SLUICE_VEGAS("sluice-vegas"),
    /** Netflix concurrency-limits: SimpleLimiter + Gradient2Limit, no priorities, 429 when full. */
    NCL("ncl"),
    /** The Quarkus app with Sluice's extension, the settings of {@link #SLUICE_ADAPTIVE}. */
    QUARKUS_SLUICE("quarkus-sluice"),
    /**
     * The Quarkus app with quarkus-load-shedding as its guide sets it up: priority shedding on (its
     * default), the critical class told by the same header (the app's {@code CriticalHeaderPrioritizer}).
     */
    QUARKUS_LOAD_SHEDDING("quarkus-load-shedding"),
    /** quarkus-load-shedding with priority shedding off: every request beyond its limit is refused. */
    QUARKUS_LOAD_SHEDDING_NO_PRIORITY("quarkus-load-shedding-no-priority");

    /** Header the generator sets on the critical class. */
    public static final String PRIORITY_HEADER = "X-Sluice-Priority";

    private final String id;

    Variant(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Variant of(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown variant '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(Variant::id).toList()));
    }

    /**
     * The limits, from the worker count W alone (the service time only sets the capacity W / t).
     *
     * <ul>
     *   <li>Fixed limit 3W: W in service plus a queue of 2W, so an admitted request waits at most about two
     *       service times before a worker takes it (worst case about 3 service times in all).</li>
     *   <li>Normal share 0.5: normal requests stop at 1.5W in flight, which still keeps W busy with W/2
     *       waiting (no idle worker while normals are plentiful), and leaves 1.5W slots that only the
     *       critical class may use.</li>
     *   <li>Adaptive: floor W (below it workers idle for nothing), start at the fixed limit 3W, ceiling 8W
     *       so the algorithm, not the cap, decides. NCL gets the same floor, start and ceiling (its own
     *       defaults, floor 20 and start 20, would never shed below 20 in flight on a 4-worker app).</li>
     * </ul>
     */
    public record Limits(int fixedLimit, double normalShare, int adaptiveMin, int adaptiveInitial, int adaptiveMax) {
        public static Limits forWorkers(int workers) {
            return new Limits(3 * workers, 0.5, workers, 3 * workers, 8 * workers);
        }
    }

    /** Whether this variant runs the Quarkus app rather than the Jetty one. */
    public boolean onQuarkus() {
        return this == QUARKUS_SLUICE || this == QUARKUS_LOAD_SHEDDING || this == QUARKUS_LOAD_SHEDDING_NO_PRIORITY;
    }

    /**
     * What switches the Quarkus app's shedder on, as system properties (both extensions read these at run time,
     * and the app's application.properties has both off). Sluice: {@link #sluiceProperties}. quarkus-load-shedding:
     * <ul>
     *   <li>{@code enabled=true} (its default, which the app turns off);</li>
     *   <li>{@code initial-limit} = the adaptive initial 3W, {@code max-limit} = the adaptive ceiling 8W, as Sluice
     *       and NCL get (its defaults, 100 and 1000, are far above what 4 workers hold); it has no minimum;</li>
     *   <li>{@code alpha-factor} 3, {@code beta-factor} 6, {@code probe-factor} 30: its defaults, not set, as
     *       Gradient2's tuning is left at its defaults for Sluice and NCL;</li>
     *   <li>{@code priority.enabled}: on (its default) for {@link #QUARKUS_LOAD_SHEDDING}, where the app's
     *       {@code CriticalHeaderPrioritizer} maps {@link #PRIORITY_HEADER} {@code critical} to its CRITICAL
     *       priority; off for {@link #QUARKUS_LOAD_SHEDDING_NO_PRIORITY}.</li>
     * </ul>
     */
    public Map<String, String> quarkusProperties(Limits limits) {
        Map<String, String> p = new LinkedHashMap<>();
        if (this == QUARKUS_SLUICE) {
            p.putAll(sluiceProperties(limits));
        } else if (this == QUARKUS_LOAD_SHEDDING || this == QUARKUS_LOAD_SHEDDING_NO_PRIORITY) {
            p.put("quarkus.load-shedding.enabled", "true");
            p.put("quarkus.load-shedding.initial-limit", Integer.toString(limits.adaptiveInitial()));
            p.put("quarkus.load-shedding.max-limit", Integer.toString(limits.adaptiveMax()));
            p.put("quarkus.load-shedding.priority.enabled", Boolean.toString(this == QUARKUS_LOAD_SHEDDING));
        }
        return p;
    }

    /** The {@code sluice.*} properties of a Sluice variant (empty for the others). */
    public Map<String, String> sluiceProperties(Limits limits) {
        Map<String, String> p = new LinkedHashMap<>();
        if (this != SLUICE_FIXED && this != SLUICE_ADAPTIVE && this != SLUICE_VEGAS && this != QUARKUS_SLUICE) {
            return p;
        }
        p.put("sluice.shedding.enabled", "true");
        if (this == SLUICE_FIXED) {
            p.put("sluice.shedding.limit.type", "fixed");
            p.put("sluice.shedding.limit.max", Integer.toString(limits.fixedLimit()));
        } else {
            p.put("sluice.shedding.limit.type", this == SLUICE_VEGAS ? "vegas" : "gradient2");
            p.put("sluice.shedding.limit.max", Integer.toString(limits.adaptiveMax()));
            p.put("sluice.shedding.limit.initial", Integer.toString(limits.adaptiveInitial()));
            p.put("sluice.shedding.limit.min", Integer.toString(limits.adaptiveMin()));
        }
        p.put("sluice.shedding.normal-share", Double.toString(limits.normalShare()));
        p.put("sluice.shedding.priority-header", PRIORITY_HEADER);
        p.put("sluice.shedding.retry-after-min", "1s");
        p.put("sluice.shedding.retry-after-max", "5s");
        // The generator connects from 127.0.0.1: only a trusted caller may set the priority header.
        p.put("sluice.trusted-proxies", "127.0.0.1");
        return p;
    }
}
