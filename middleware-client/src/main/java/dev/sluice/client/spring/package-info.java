/**
 * Sluice's retries for Spring Framework 7 clients: {@link dev.sluice.client.spring.SluiceRetryInterceptor} for
 * {@code RestClient} (and {@code RestTemplate}), {@link dev.sluice.client.spring.SluiceRetryFilter} for
 * {@code WebClient}, which waits with {@code Mono.delay} and so never blocks a thread. A call's own deadline
 * is the request attribute {@link dev.sluice.client.spring.SluiceRetryAttributes#CALL_TIMEOUT}.
 */
package dev.sluice.client.spring;
