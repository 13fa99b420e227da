/**
 * Retries that read what a Sluice server (or any well-behaved HTTP server) says: {@code Retry-After},
 * the {@code RateLimit} field's {@code t} on 429, and the problem body's {@code retryAfter} (CONTRACT §12).
 *
 * <p>This package needs nothing but the JDK, so any HTTP client can use it; the adapters for
 * {@code java.net.http}, Spring's {@code RestClient} and {@code WebClient} live in sub-packages. The public
 * surface is small: {@link dev.sluice.client.RetryPolicy} (what to do), {@link dev.sluice.client.SluiceRetry}
 * (one per client, holds the shared {@link dev.sluice.client.RetryBudget}), {@link dev.sluice.client.RetryCall}
 * (one per request), {@link dev.sluice.client.RetryDecision} (what to do after an attempt) and the
 * {@link dev.sluice.client.SluiceRetryListener} SPI for metrics.
 *
 * <p>Parameters and return values are never {@code null} unless a method's documentation says so.
 */
package dev.sluice.client;
