package dev.sluice.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;

/** Hands what the build decided to the running application (see {@code SluiceProcessor}). */
@Recorder
public class SluiceRecorder {

    /**
     * @param nonApplicationRoot the non-application root, absolute, no trailing slash ({@code ""}: the root itself)
     * @param adminRoot          where the admin's resources are served: the management interface's root or the above
     * @param healthRoot         the probes' root ({@code /q/health})
     * @param managementEnabled  whether the admin is served on the management interface
     * @param resilience4j       whether Resilience4j's circuit breakers are on the class path
     * @param smallRye           whether the application has SmallRye Fault Tolerance (its capability)
     */
    public void facts(String nonApplicationRoot, String adminRoot, String healthRoot, boolean managementEnabled,
                      boolean resilience4j, boolean smallRye) {
        BuildFacts.set(new BuildFacts(nonApplicationRoot, adminRoot, healthRoot, managementEnabled, resilience4j, smallRye));
    }

    /** The listener that drains the application before its HTTP server stops. */
    public io.quarkus.runtime.shutdown.ShutdownListener shutdownListener() {
        return new SluiceShutdownListener();
    }
}
