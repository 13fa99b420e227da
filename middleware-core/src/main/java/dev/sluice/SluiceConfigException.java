package dev.sluice;

/**
 * Configuration Sluice cannot run with. The message names the property ({@code sluice.…}), the bad value
 * and what is allowed, so start-up fails with something an operator can act on.
 */
public final class SluiceConfigException extends IllegalArgumentException {

    private final String property;

    public SluiceConfigException(String property, String message) {
        super(property + ": " + message);
        this.property = property;
    }

    /** The property at fault, e.g. {@code sluice.maintenance.retry-after}. */
    public String property() {
        return property;
    }
}
