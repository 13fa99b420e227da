package dev.sluice.internal.maintenance;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.maintenance.MaintenanceState;

import java.io.IOException;

/** Writes a {@link MaintenanceState} as the JSON members that {@link MaintenanceRequest#parse} reads back. */
public final class MaintenanceJson {

    private MaintenanceJson() {
    }

    /** Writes the state's members into the object {@code g} is in. */
    public static void writeMembers(MaintenanceState s, JsonGenerator g) throws IOException {
        g.writeStringField("mode", s.mode().name());
        g.writeStringField("message", s.message());
        g.writeStringField("since", s.since().toString());
        if (s.until() != null) {
            g.writeStringField("until", s.until().toString());
        }
        g.writeArrayFieldStart("scope");
        for (String p : s.scope().asStrings()) {
            g.writeString(p);
        }
        g.writeEndArray();
        if (s.retryAfter() != null) {
            g.writeStringField("retryAfter", s.retryAfter().toString());
        }
    }
}
