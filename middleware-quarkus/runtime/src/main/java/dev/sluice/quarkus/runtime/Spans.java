package dev.sluice.quarkus.runtime;

import dev.sluice.Rejection;

/**
 * Tells the request's OpenTelemetry span (when the application has {@code quarkus-opentelemetry}) why Sluice
 * answered it: {@code sluice.outcome} (the problem type's last segment: {@code maintenance}, {@code overload},
 * {@code rate-limited}, …) and {@code sluice.retry_after} in seconds.
 */
final class Spans {

    private static final boolean OPEN_TELEMETRY = present("io.opentelemetry.api.trace.Span");

    private Spans() {
    }

    static void tell(Rejection rejection) {
        if (OPEN_TELEMETRY) {
            OpenTelemetrySpans.tell(rejection);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Spans.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Referenced only when the OpenTelemetry API is on the class path. */
    private static final class OpenTelemetrySpans {
        static void tell(Rejection rejection) {
            io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.current();
            if (!span.getSpanContext().isValid()) {
                return;
            }
            span.setAttribute("sluice.outcome", rejection.reason().slug());
            if (rejection.retryAfter() != null) {
                span.setAttribute("sluice.retry_after", rejection.retryAfter().seconds());
            }
        }
    }
}
