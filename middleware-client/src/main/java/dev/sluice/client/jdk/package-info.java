/**
 * Sluice's retries for {@link java.net.http.HttpClient}: {@link dev.sluice.client.jdk.SluiceHttpClient} wraps a
 * client and sends with retries, blocking ({@code send}) or not ({@code sendAsync}, which schedules its waits
 * and never parks a thread). Needs nothing but the JDK.
 */
package dev.sluice.client.jdk;
