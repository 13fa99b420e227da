package dev.sluice.clientlimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bandwidth of a client-limit policy: {@code requests} per {@code window}, written {@code 5/10s} or
 * {@code 100/1h} in configuration. (Not to be confused with a {@code ConcurrencyLimit}, which bounds requests
 * in flight at once for the whole service.)
 */
public record Quota(long requests, Duration window) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

    public Quota {
        if (requests < 1) {
            throw new IllegalArgumentException("quota must be at least 1, but was " + requests);
        }
        Objects.requireNonNull(window, "window");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1ms, but was " + window);
        }
    }

    /** Parses {@code "5/10s, 100/1h"}. */
    public static List<Quota> parseAll(String text) {
        List<Quota> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = TEXT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected limits such as 5/10s or 5/10s,100/1h, but was '" + text + "'");
            }
            long n = Long.parseLong(m.group(2));
            Duration window = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            out.add(new Quota(Long.parseLong(m.group(1)), window));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("expected at least one limit such as 5/10s, but was '" + text + "'");
        }
        return List.copyOf(out);
    }

    /** The window in whole seconds (at least 1), as the {@code w} parameter of RateLimit-Policy. */
    long windowSeconds() {
        return Math.max(1, (window.toMillis() + 999) / 1000);
    }

    @Override
    public String toString() {
        return requests + "/" + window;
    }
}
