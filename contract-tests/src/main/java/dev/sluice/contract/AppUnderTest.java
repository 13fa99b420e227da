package dev.sluice.contract;

import java.net.URI;

/** A running app that serves the demo API of CONTRACT §8, as an adapter's test hands it to the kit. */
public interface AppUnderTest {

    /** e.g. {@code http://127.0.0.1:PORT}, without a trailing slash. */
    URI baseUri();

    /** The maintenance admin resource: {@code /admin/maintenance}, {@code /actuator/maintenance}, {@code /q/maintenance}. */
    String adminPath();

    /** The readiness probe: {@code /health/ready}, {@code /actuator/health/readiness}, {@code /q/health/ready}. */
    String readinessPath();

    /** The liveness probe: {@code /health/live}, {@code /actuator/health/liveness}, {@code /q/health/live}. */
    String livenessPath();

    /** An app at {@code baseUri} with the given admin and probe paths. */
    static AppUnderTest of(URI baseUri, String adminPath, String readinessPath, String livenessPath) {
        record Running(URI baseUri, String adminPath, String readinessPath, String livenessPath) implements AppUnderTest {
        }
        return new Running(baseUri, adminPath, readinessPath, livenessPath);
    }

    /** A Spring Boot app on {@code port} of 127.0.0.1: admin and probes under {@code /actuator}. */
    static AppUnderTest springBoot(int port) {
        return of(URI.create("http://127.0.0.1:" + port), "/actuator/maintenance", "/actuator/health/readiness",
                "/actuator/health/liveness");
    }
}
