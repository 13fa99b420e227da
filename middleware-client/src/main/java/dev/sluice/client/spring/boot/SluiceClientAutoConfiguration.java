package dev.sluice.client.spring.boot;

import dev.sluice.client.SluiceRetry;
import dev.sluice.client.SluiceRetryListener;
import dev.sluice.client.micrometer.SluiceRetryMetrics;
import dev.sluice.client.spring.SluiceRetryFilter;
import dev.sluice.client.spring.SluiceRetryInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sluice's retries on the HTTP clients a Spring Boot application builds from Boot's builders, switched on by
 * {@code sluice.client.enabled=true} (CONTRACT §12). Independent of Sluice's server starter: adding
 * {@code sluice-client} is enough.
 *
 * <ul>
 *   <li>One {@link SluiceRetry} for the application, from the {@code sluice.client.*} properties: every client
 *       built here shares its retry budget, so the application as a whole retries at most its share.</li>
 *   <li>With Micrometer and a {@link MeterRegistry}, a {@link SluiceRetryMetrics} listener on it; any other
 *       {@link SluiceRetryListener} bean is added too.</li>
 *   <li>A {@link RestClientCustomizer} that puts a {@link SluiceRetryInterceptor} first on every
 *       {@code RestClient.Builder} (first, so the interceptors after it run again for each attempt), when
 *       {@code spring-boot-restclient} is present.</li>
 *   <li>A {@link WebClientCustomizer} that puts a {@link SluiceRetryFilter} first on every
 *       {@code WebClient.Builder}, when {@code spring-boot-webclient} is present.</li>
 * </ul>
 *
 * Each bean backs off when the application defines its own of the same type (or, for the customizers, name).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBooleanProperty(RetryPolicyBinder.ENABLED)
public final class SluiceClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SluiceRetry sluiceRetry(Environment environment, ObjectProvider<SluiceRetryListener> listeners) {
        SluiceRetry.Builder retry = SluiceRetry.builder(RetryPolicyBinder.bind(environment));
        listeners.orderedStream().forEach(retry::listener);
        return retry.build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static final class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SluiceRetryMetrics sluiceRetryMetrics(MeterRegistry registry) {
            return new SluiceRetryMetrics(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RestClient.class, RestClientCustomizer.class})
    static final class RestClientConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sluiceRestClientCustomizer")
        RestClientCustomizer sluiceRestClientCustomizer(SluiceRetry retry) {
            SluiceRetryInterceptor interceptor = new SluiceRetryInterceptor(retry);
            return builder -> builder.requestInterceptors(interceptors -> interceptors.add(0, interceptor));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({WebClient.class, WebClientCustomizer.class})
    static final class WebClientConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sluiceWebClientCustomizer")
        WebClientCustomizer sluiceWebClientCustomizer(SluiceRetry retry) {
            SluiceRetryFilter filter = new SluiceRetryFilter(retry);
            return builder -> builder.filters(filters -> filters.add(0, filter));
        }
    }
}
