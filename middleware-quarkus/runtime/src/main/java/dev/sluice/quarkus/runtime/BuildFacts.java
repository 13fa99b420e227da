package dev.sluice.quarkus.runtime;

import java.util.Objects;

/**
 * What the extension decided at build time, where Quarkus fixes it: the roots of the non-application endpoints,
 * the admin and the probes (build-time configuration), and which circuit-breaker libraries the application has
 * (Resilience4j on the class path; SmallRye Fault Tolerance as a Quarkus capability).
 */
public record BuildFacts(String nonApplicationRoot, String adminRoot, String healthRoot, boolean managementEnabled,
                         boolean resilience4j, boolean smallRyeFaultTolerance) {

    private static volatile BuildFacts current;

    public BuildFacts {
        Objects.requireNonNull(nonApplicationRoot, "nonApplicationRoot");
        Objects.requireNonNull(adminRoot, "adminRoot");
        Objects.requireNonNull(healthRoot, "healthRoot");
    }

    static void set(BuildFacts facts) {
        current = facts;
    }

    /** The facts of this application; recorded before any bean is created. */
    static BuildFacts get() {
        BuildFacts f = current;
        if (f == null) {
            throw new IllegalStateException("Sluice's build-time facts were not recorded: is the quarkus-sluice-deployment module on the build path?");
        }
        return f;
    }
}
