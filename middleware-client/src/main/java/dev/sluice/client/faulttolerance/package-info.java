/**
 * Sluice's retry rules for SmallRye Fault Tolerance, Quarkus's own retry: {@link dev.sluice.client.faulttolerance.SluiceRetryWhen}
 * decides whether ({@code @RetryWhen}), {@link dev.sluice.client.faulttolerance.SluiceBackoff} how long
 * ({@code @CustomBackoff}), and on the Quarkus REST client {@link dev.sluice.client.faulttolerance.SluiceResponseExceptionMapper}
 * lets them see which request an answer belongs to. Settings come from {@code sluice.client.*} through MicroProfile Config;
 * all annotated methods of an application share one retry budget.
 */
package dev.sluice.client.faulttolerance;
