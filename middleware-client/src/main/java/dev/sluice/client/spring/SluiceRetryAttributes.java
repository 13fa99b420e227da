package dev.sluice.client.spring;

import dev.sluice.client.RetryPolicy;

import java.time.Duration;
import java.util.Map;

/**
 * Request attributes the Spring adapters read. Set one per call:
 *
 * <pre>{@code
 * restClient.get().uri("/hello").attribute(SluiceRetryAttributes.CALL_TIMEOUT, Duration.ofSeconds(5)).retrieve()...
 * }</pre>
 */
public final class SluiceRetryAttributes {

    /** A {@link Duration}: the whole call (attempts and waits) must end within it; absent: the policy's default. */
    public static final String CALL_TIMEOUT = "dev.sluice.client.callTimeout";

    private SluiceRetryAttributes() {
    }

    /** The call's deadline: its attribute, else the policy's default; {@code null} for none. */
    static Duration callTimeout(Map<String, Object> attributes, RetryPolicy policy) {
        Object value = attributes.get(CALL_TIMEOUT);
        if (value == null) {
            return policy.callTimeout().orElse(null);
        }
        if (value instanceof Duration d && !d.isNegative() && !d.isZero()) {
            return d;
        }
        throw new IllegalArgumentException("request attribute " + CALL_TIMEOUT + " must be a positive java.time.Duration, but was " + value);
    }
}
