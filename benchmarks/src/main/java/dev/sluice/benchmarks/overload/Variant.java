package dev.sluice.benchmarks.overload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ways the same app is protected. Every variant but {@link #TUNED} is configured at its defaults, as a user
 * who does not know the app's capacity would: shedding switched on, the limit type chosen, nothing sized. Sluice
 * variants are told only what is not about capacity: which header marks the critical class and that the generator
 * (127.0.0.1) is a trusted proxy allowed to send it.
 */
public enum Variant {
    /** No filter: requests queue on the worker pool (or share the CPU) until the client gives up. */
    NONE("none"),
    /** Sluice, {@code limit.type=knee}: the limit of issue 16. */
    SLUICE_KNEE("sluice-knee"),
    /** Sluice, {@code limit.type=vegas}. */
    SLUICE_VEGAS("sluice-vegas"),
    /** Sluice, {@code limit.type=gradient2}. */
    SLUICE_GRADIENT2("sluice-gradient2"),
    /** Netflix concurrency-limits {@code SimpleLimiter} + {@code VegasLimit} at its defaults, behind {@link NclServletFilter}. */
    NCL_VEGAS("ncl-vegas"),
    /** The same with {@code Gradient2Limit} at its defaults (including its minimum of 20). */
    NCL_GRADIENT2("ncl-gradient2"),
    /**
     * The Quarkus app ({@code benchmarks/quarkus-app}) with quarkus-load-shedding at its defaults: priority shedding
     * on, the critical class told by the same header (the app's {@code CriticalHeaderPrioritizer}).
     */
    QUARKUS_LOAD_SHEDDING("quarkus-load-shedding"),
    /**
     * A reference, not a default: Sluice's fixed limit sized by someone who knows the app, 3 × its parallelism (W
     * workers, or the cores for CPU work), with normal share 0.5, as the first experiment tuned it for the pool.
     */
    TUNED("tuned");

    /** Header the generator sets on the critical class. */
    public static final String PRIORITY_HEADER = "X-Sluice-Priority";
    static final double TUNED_NORMAL_SHARE = 0.5;

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

    /** The variants compared on {@code workload} when none are named: quarkus-load-shedding only on the pool. */
    static List<Variant> defaults(Workload workload) {
        return Arrays.stream(values()).filter(v -> workload == Workload.POOL || v != QUARKUS_LOAD_SHEDDING).toList();
    }

    /** Whether this variant runs the Quarkus app rather than the Jetty one. */
    public boolean onQuarkus() {
        return this == QUARKUS_LOAD_SHEDDING;
    }

    boolean sluice() {
        return this == SLUICE_KNEE || this == SLUICE_VEGAS || this == SLUICE_GRADIENT2 || this == TUNED;
    }

    /** The system properties that switch the Quarkus app's shedder on (its application.properties has it off). */
    public Map<String, String> quarkusProperties() {
        return this == QUARKUS_LOAD_SHEDDING ? Map.of("quarkus.load-shedding.enabled", "true") : Map.of();
    }

    /** The {@code sluice.*} properties of a Sluice variant (empty for the others); {@code parallelism} sizes {@link #TUNED} only. */
    public Map<String, String> sluiceProperties(int parallelism) {
        Map<String, String> p = new LinkedHashMap<>();
        if (!sluice()) {
            return p;
        }
        p.put("sluice.shedding.enabled", "true");
        switch (this) {
            case SLUICE_KNEE -> p.put("sluice.shedding.limit.type", "knee");
            case SLUICE_VEGAS -> p.put("sluice.shedding.limit.type", "vegas");
            case SLUICE_GRADIENT2 -> p.put("sluice.shedding.limit.type", "gradient2");
            default -> {
                p.put("sluice.shedding.limit.type", "fixed");
                p.put("sluice.shedding.limit.max", Integer.toString(3 * parallelism));
                p.put("sluice.shedding.normal-share", Double.toString(TUNED_NORMAL_SHARE));
            }
        }
        p.put("sluice.shedding.priority-header", PRIORITY_HEADER);
        // The generator connects from 127.0.0.1: only a trusted caller may set the priority header.
        p.put("sluice.trusted-proxies", "127.0.0.1");
        return p;
    }
}
