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
}
