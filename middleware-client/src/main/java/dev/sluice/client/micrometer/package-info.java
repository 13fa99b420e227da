/**
 * Micrometer meters for Sluice's client retries: {@link dev.sluice.client.micrometer.SluiceRetryMetrics} is a
 * {@link dev.sluice.client.SluiceRetryListener}, so the retry logic itself needs no metrics library.
 */
package dev.sluice.client.micrometer;
