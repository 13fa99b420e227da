package dev.sluice.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.internal.maintenance.MaintenanceJson;
import dev.sluice.maintenance.MaintenanceRequest;
import dev.sluice.maintenance.MaintenanceState;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The maintenance switch as the fleet shares it: the switched-on state (or none: off) and the version Redis gave
 * it. One JSON text is the value of {@code <namespace>:maintenance}, the message on
 * {@code <namespace>:maintenance:changed} and the content of the local state file:
 * <pre>{"version":1767225600000,"maintenance":{"mode":"FULL","message":"…","since":"…","scope":[]}}
 *{"version":1767225600001,"maintenance":null}</pre>
 * The inner object is the admin format ({@link MaintenanceRequest}), read with the same bounds as an admin's
 * input. Versions are Redis's clock in milliseconds when written, raised past the previous version where needed,
 * so a higher version is a later write; {@code 0} is a state this instance knows from nobody (the configured
 * default, or nothing).
 *
 * @param version 0 (known from nobody) up to {@link #MAX_VERSION}
 * @param state   the maintenance switched on, or empty: off
 */
record VersionedState(long version, Optional<MaintenanceState> state) {

    /** The largest version: integers above it are not exact in the doubles of Redis's Lua. */
    static final long MAX_VERSION = (1L << 53) - 1;
    /** The longest text read (a state is a few hundred characters; the file store's flag has the same bound). */
    static final int MAX_CHARS = 64 * 1024;
    /** No state known from anyone: off, version 0. */
    static final VersionedState NONE = new VersionedState(0, Optional.empty());

    private static final JsonFactory JSON = new JsonFactory();

    VersionedState {
        if (version < 0 || version > MAX_VERSION) {
            throw new IllegalArgumentException("version must be between 0 and " + MAX_VERSION + ", but was " + version);
        }
        state = state == null ? Optional.empty() : state;
    }

    String toJson() {
        return "{\"version\":" + version + ",\"maintenance\":" + maintenanceJson(state) + "}";
    }

    /** The state's members in the admin format, or {@code null}: the argument the write script stores. */
    static String maintenanceJson(Optional<MaintenanceState> state) {
        if (state.isEmpty()) {
            return "null";
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            MaintenanceJson.writeMembers(state.get(), g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads a shared state written by any instance (or anyone with access to Redis or the state file), with the
     * bounds of admin input.
     *
     * @param now                the instant the bounds of an announced end are checked against
     * @param defaultMessage     the message of a state written without one
     * @param defaultRetryAfter  the Retry-After estimate of a state written without one
     * @throws IllegalArgumentException naming what is wrong, for anything that is not such a state
     */
    static VersionedState parse(String json, Instant now, String defaultMessage, Duration defaultRetryAfter) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        if (json.length() > MAX_CHARS) {
            throw new IllegalArgumentException("longer than " + MAX_CHARS + " characters");
        }
        Long version = null;
        String maintenance = null;
        boolean sawMaintenance = false;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "version" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                                && p.getNumberType() != JsonParser.NumberType.LONG) {
                            throw new IllegalArgumentException("version must be an integer");
                        }
                        long v = p.getLongValue();
                        if (v < 1 || v > MAX_VERSION) {
                            throw new IllegalArgumentException("version must be between 1 and " + MAX_VERSION + ", but was " + v);
                        }
                        version = v;
                    }
                    case "maintenance" -> {
                        sawMaintenance = true;
                        if (value == JsonToken.START_OBJECT) {
                            StringWriter inner = new StringWriter();
                            try (JsonGenerator g = JSON.createGenerator(inner)) {
                                g.copyCurrentStructure(p);
                            }
                            maintenance = inner.toString();
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new IllegalArgumentException("maintenance must be an object or null");
                        }
                    }
                    default -> p.skipChildren(); // a member a later version may add
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException("not a single JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (version == null || !sawMaintenance) {
            throw new IllegalArgumentException("version and maintenance are required");
        }
        if (maintenance == null) {
            return new VersionedState(version, Optional.empty());
        }
        try {
            return new VersionedState(version, Optional.of(
                    MaintenanceRequest.parse(maintenance).toState(now, defaultMessage, defaultRetryAfter, false)));
        } catch (RuntimeException e) { // InvalidMaintenanceRequestException names the member
            throw new IllegalArgumentException("maintenance is invalid: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "version " + version + " (" + state.map(s -> "maintenance " + s.mode() + (s.scope().isEmpty() ? "" : " on " + s.scope())
                + (s.until() == null ? "" : " until " + s.until())).orElse("no maintenance") + ")";
    }
}
