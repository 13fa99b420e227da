package dev.sluice.internal.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.dependency.BreakerOverride;
import dev.sluice.maintenance.InvalidMaintenanceRequestException;

import java.io.IOException;
import java.util.Locale;

/** Parses {@code {"override":"open"|"closed"|"none"}}; errors name the field like every admin input. */
final class BreakerOverrideRequest {

    private static final JsonFactory JSON = new JsonFactory();

    private BreakerOverrideRequest() {
    }

    static BreakerOverride parse(String body) {
        String value = null;
        try (JsonParser p = JSON.createParser(body == null ? "" : body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMaintenanceRequestException("body", "must be a JSON object such as {\"override\":\"open\"}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!"override".equals(field)) {
                    throw new InvalidMaintenanceRequestException(field, "unknown member; allowed: override");
                }
                if (t != JsonToken.VALUE_STRING) {
                    throw new InvalidMaintenanceRequestException("override", "must be a string");
                }
                value = p.getText();
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMaintenanceRequestException("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidMaintenanceRequestException("body", "cannot be read: " + e.getMessage());
        }
        if (value == null) {
            throw new InvalidMaintenanceRequestException("override", "is required: open, closed or none");
        }
        try {
            return BreakerOverride.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidMaintenanceRequestException("override", "must be open, closed or none, but was '" + value + "'");
        }
    }
}
