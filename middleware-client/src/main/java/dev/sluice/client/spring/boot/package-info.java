/**
 * Spring Boot auto-configuration of Sluice's client retries ({@code sluice.client.enabled=true}): one shared
 * {@link dev.sluice.client.SluiceRetry} from the {@code sluice.client.*} properties, put on every
 * {@code RestClient} and {@code WebClient} built from Boot's builders.
 */
package dev.sluice.client.spring.boot;
