package dev.sluice.internal.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line per change of state, on the logger {@code dev.sluice.admin}, as {@code key=value} pairs (logfmt) that
 * log pipelines parse without a pattern: {@code event=maintenance-on actor="ops" at=2026-12-02T10:00:00Z mode=FULL
 * until=…}. Who, what, when; never a secret (tokens and bypass secrets are not passed here).
 */
public final class AuditLog {

    private static final System.Logger LOG = System.getLogger("dev.sluice.admin");

    private AuditLog() {
    }

    /**
     * Logs {@code event} by {@code actor} at {@code at} with details given as key, value, key, value… in that
     * order; a null value leaves its key out.
     */
    public static void log(String event, String actor, Instant at, Object... details) {
        LOG.log(System.Logger.Level.INFO, () -> line(event, actor, at, details));
    }

    /** The logfmt line; values with spaces, quotes or '=' are quoted, as logfmt readers expect. */
    public static String line(String event, String actor, Instant at, Object... details) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("actor", actor);
        fields.put("at", at);
        for (int i = 0; i + 1 < details.length; i += 2) {
            fields.put(String.valueOf(details[i]), details[i + 1]);
        }
        StringBuilder line = new StringBuilder();
        fields.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(k).append('=').append(value(String.valueOf(v)));
        });
        return line.toString();
    }

    private static String value(String v) {
        if (!v.isEmpty() && v.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '=' || c == '\\')) {
            return v;
        }
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                default -> q.append(c < ' ' ? ' ' : c);
            }
        }
        return q.append('"').toString();
    }
}
