package dev.sluice.shedding;

import java.util.Locale;

/**
 * How important a request is when the server must shed load. Lower priorities are shed first: each is
 * admitted only while the in-flight count is below its share of the limit, so a critical request is the
 * last to see 503.
 */
public enum Priority {
    CRITICAL,
    NORMAL,
    SHEDDABLE;

    private static final Priority[] VALUES = values();

    /** The priority named {@code value} (any case, surrounding blanks ignored), or {@code null}. */
    public static Priority parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        for (Priority p : VALUES) {
            if (p.name().equalsIgnoreCase(v)) {
                return p;
            }
        }
        return null;
    }

    /** Lower-case name, as in properties, headers and meter tags. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
