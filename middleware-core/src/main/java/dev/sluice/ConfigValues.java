package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses property values the way Spring Boot and Quarkus users write them; errors name the property. */
final class ConfigValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigValues() {
    }

    /**
     * {@code 30s}, {@code 5m}, {@code 500ms}, {@code 2h}, {@code 1d}, {@code 0} or ISO-8601 ({@code PT5M}); not
     * negative (the setters say where zero is not allowed).
     */
    static Duration duration(String property, String value) {
        String v = value.strip();
        if (v.equals("0")) {
            return Duration.ZERO; // the one number that needs no unit (Spring reads bare numbers as ms, Quarkus as s)
        }
        Duration d;
        Matcher m = SIMPLE_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw new SluiceConfigException(property,
                        "expected a duration such as 30s, 5m, 500ms or PT5M, but was '" + value + "'");
            }
        }
        return requireNotNegative(property, d);
    }

    static Duration requireNotNegative(String property, Duration d) {
        if (d.isNegative()) {
            throw new SluiceConfigException(property, "must not be a negative duration, but was " + d);
        }
        return d;
    }

    static Duration requirePositive(String property, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new SluiceConfigException(property, "must be a positive duration, but was " + d);
        }
        return d;
    }

    static long positiveLong(String property, String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SluiceConfigException(property, "expected a whole number of at least 1, but was '" + value + "'");
    }

    /** A fraction such as {@code 0.9}: greater than 0, at most 1. */
    static double fraction(String property, String value) {
        try {
            double d = Double.parseDouble(value.strip());
            if (d > 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SluiceConfigException(property, "expected a fraction greater than 0 and at most 1, such as 0.9, but was '" + value + "'");
    }

    static int positiveInt(String property, String value) {
        long n = positiveLong(property, value);
        if (n > Integer.MAX_VALUE) {
            throw new SluiceConfigException(property, "expected a whole number of at most " + Integer.MAX_VALUE + ", but was '" + value + "'");
        }
        return (int) n;
    }

    static boolean bool(String property, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new SluiceConfigException(property, "expected true or false, but was '" + value + "'");
    }

    static Instant instant(String property, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new SluiceConfigException(property,
                    "expected an ISO-8601 instant such as 2026-11-24T22:00:00Z, but was '" + value + "'");
        }
    }

    /** An enum constant, written in any case with {@code -} or {@code _}. */
    static <E extends Enum<E>> E enumValue(String property, String value, Class<E> type) {
        String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new SluiceConfigException(property, "expected one of " + allowed(type) + ", but was '" + value + "'");
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList().toString();
    }

    /** A comma-separated list, blanks dropped. */
    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
