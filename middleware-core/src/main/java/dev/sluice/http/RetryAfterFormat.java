package dev.sluice.http;

/** How the {@code Retry-After} header is written (RFC 9110 §10.2.3). */
public enum RetryAfterFormat {
    /** Digits only, e.g. {@code Retry-After: 120}. The default. */
    DELAY_SECONDS,
    /** IMF-fixdate, e.g. {@code Retry-After: Tue, 24 Nov 2026 10:00:00 GMT}. */
    HTTP_DATE
}
