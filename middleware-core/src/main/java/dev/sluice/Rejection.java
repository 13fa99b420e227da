package dev.sluice;

import dev.sluice.http.RetryAfter;

import java.util.Map;
import java.util.Objects;

/**
 * A refusal Sluice answers for the application: the status follows from the reason, the rest fills the
 * headers and the problem body.
 *
 * @param reason     why; decides the status and the problem type
 * @param detail     human-readable message for the body (never names internal hosts or stack traces)
 * @param retryAfter when to come back, or {@code null} when unknown (then no Retry-After header)
 * @param headers    further response headers (e.g. rate-limit fields), in order
 * @param source     what refused, for metrics and logs, never sent to clients: the client-limit policy or
 *                   the dependency; {@code null} when the reason says it all
 */
public record Rejection(RejectionReason reason, String detail, RetryAfter retryAfter, Map<String, String> headers, String source) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        headers = headers == null ? Map.of() : headers;
    }

    public Rejection(RejectionReason reason, String detail, RetryAfter retryAfter) {
        this(reason, detail, retryAfter, Map.of(), null);
    }

    public Rejection(RejectionReason reason, String detail, RetryAfter retryAfter, Map<String, String> headers) {
        this(reason, detail, retryAfter, headers, null);
    }

    public int status() {
        return reason.status();
    }
}
