package dev.sluice.client.spring.boot;

/** A {@code sluice.client.*} value the retry policy cannot take; the message names the property and the value. */
final class InvalidClientPropertyException extends IllegalArgumentException {

    private final String property;

    InvalidClientPropertyException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
    }

    /** The property (or, for a rule between two, both) to correct. */
    String property() {
        return property;
    }
}
