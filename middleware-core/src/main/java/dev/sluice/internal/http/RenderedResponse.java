package dev.sluice.internal.http;

import java.util.Map;
import java.util.Objects;

/**
 * A complete response for an adapter to write as it is: status, headers in order (including
 * {@code Content-Type} and {@code Content-Length}), and the body; {@code body} is empty for {@code HEAD}
 * while {@code Content-Length} still gives the length a {@code GET} would have.
 */
public record RenderedResponse(int status, Map<String, String> headers, byte[] body) {

    public RenderedResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** Value of the named header (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
