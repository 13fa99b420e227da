package dev.sluice.maintenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.internal.http.PathPatterns;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request to switch maintenance on, as JSON (admin POST body, file-flag content):
 * <pre>{"mode":"FULL"|"READ_ONLY","message":"…","until":"2026-11-24T10:00:00Z"|"duration":"PT5M",
 *  "scope":["/payments/**"],"retryAfter":"PT10M"}</pre>
 * Every member is optional; unknown members are refused so a typo never passes silently. Every instant and
 * duration is bounded ({@link #MAX_AHEAD}), so no input, however built, can make the state overflow when it is
 * used on every request.
 */
public record MaintenanceRequest(MaintenanceMode mode, String message, Instant since, Instant until, Duration duration,
                                 List<String> scope, Duration retryAfter) {

    /** The furthest ahead an end may lie, and the longest duration or Retry-After estimate: a year. */
    public static final Duration MAX_AHEAD = Duration.ofDays(366);
    /** Instants are accepted only between these (far wider than any use; inside every epoch-millisecond range). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final JsonFactory JSON = new JsonFactory();

    /** Parses {@code json}; an empty or blank document means "on, with the defaults". */
    public static MaintenanceRequest parse(String json) {
        if (json == null || json.isBlank()) {
            return new MaintenanceRequest(null, null, null, null, null, List.of(), null);
        }
        MaintenanceMode mode = null;
        String message = null;
        Instant since = null;
        Instant until = null;
        Duration duration = null;
        List<String> scope = List.of();
        Duration retryAfter = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMaintenanceRequestException("body", "must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "mode" -> mode = mode(text(p, field));
                    case "message" -> message = text(p, field);
                    case "since" -> since = instant(text(p, field), field);
                    case "until" -> until = instant(text(p, field), field);
                    case "duration" -> duration = positiveDuration(text(p, field), field);
                    case "retryAfter" -> retryAfter = positiveDuration(text(p, field), field);
                    case "scope" -> scope = scope(p);
                    default -> throw new InvalidMaintenanceRequestException(field,
                            "unknown member; allowed: mode, message, until, duration, scope, retryAfter");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidMaintenanceRequestException("body", "must be a single JSON object");
            }
        } catch (JsonParseException e) {
            throw new InvalidMaintenanceRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidMaintenanceRequestException("body", "cannot be read: " + e.getMessage());
        }
        if (until != null && duration != null) {
            throw new InvalidMaintenanceRequestException("duration", "give either until or duration, not both");
        }
        return new MaintenanceRequest(mode, message, since, until, duration, scope, retryAfter);
    }

    /**
     * The state this request switches on at {@code now}.
     *
     * @param requireFutureUntil whether an {@code until} that has passed is an error (admin input) rather
     *                           than maintenance that is already over (a file written long ago)
     */
    public MaintenanceState toState(Instant now, String defaultMessage, Duration defaultRetryAfter,
                                    boolean requireFutureUntil) {
        Instant end = until;
        if (duration != null) {
            end = (since != null ? since : now).plus(duration);
        }
        String endField = until != null ? "until" : "duration";
        if (requireFutureUntil && end != null && !end.isAfter(now)) {
            throw new InvalidMaintenanceRequestException(endField, "must lie in the future, but ends at " + end + " (now " + now + ")");
        }
        if (end != null && end.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidMaintenanceRequestException(endField, "must end within " + MAX_AHEAD.toDays() + " days, but ends at " + end);
        }
        return new MaintenanceState(mode != null ? mode : MaintenanceMode.FULL,
                message != null ? message : defaultMessage,
                since != null ? since : now,
                end,
                PathPatterns.of(scope),
                retryAfter != null ? retryAfter : defaultRetryAfter);
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidMaintenanceRequestException(field, "must be a string");
        }
        return p.getText();
    }

    private static MaintenanceMode mode(String value) {
        try {
            return MaintenanceMode.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidMaintenanceRequestException("mode", "must be FULL or READ_ONLY, but was '" + value + "'");
        }
    }

    private static Instant instant(String value, String field) {
        Instant i;
        try {
            i = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidMaintenanceRequestException(field,
                    "must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, but was '" + value + "'");
        }
        if (i.isBefore(EARLIEST) || i.isAfter(LATEST)) {
            throw new InvalidMaintenanceRequestException(field, "must lie between " + EARLIEST + " and " + LATEST + ", but was " + value);
        }
        return i;
    }

    private static Duration positiveDuration(String value, String field) {
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidMaintenanceRequestException(field,
                    "must be an ISO-8601 duration such as PT5M, but was '" + value + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidMaintenanceRequestException(field, "must be positive, but was " + value);
        }
        if (d.compareTo(MAX_AHEAD) > 0) {
            throw new InvalidMaintenanceRequestException(field, "must be at most " + MAX_AHEAD.toDays() + " days (" + MAX_AHEAD + "), but was " + value);
        }
        return d;
    }

    private static List<String> scope(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidMaintenanceRequestException("scope", "must be an array of path patterns such as [\"/payments/**\"]");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidMaintenanceRequestException("scope", "must contain only strings");
            }
            String pattern = p.getText();
            try {
                PathPatterns.of(List.of(pattern));
            } catch (IllegalArgumentException e) {
                throw new InvalidMaintenanceRequestException("scope", e.getMessage());
            }
            out.add(pattern);
        }
        return List.copyOf(out);
    }
}
