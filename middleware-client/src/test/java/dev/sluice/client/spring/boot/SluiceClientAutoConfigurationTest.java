package dev.sluice.client.spring.boot;

import dev.sluice.PropertyCatalogue;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceRetry;
import dev.sluice.client.micrometer.SluiceRetryMetrics;
import dev.sluice.client.spring.SluiceRetryFilter;
import dev.sluice.client.spring.SluiceRetryInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans the auto-configuration adds, from which properties, and what it refuses. */
class SluiceClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            SluiceClientAutoConfiguration.class, RestClientAutoConfiguration.class, WebClientAutoConfiguration.class));

    private static List<ClientHttpRequestInterceptor> interceptors(RestClient.Builder builder) {
        List<ClientHttpRequestInterceptor> out = new ArrayList<>();
        builder.requestInterceptors(out::addAll);
        return out;
    }

    private static List<ExchangeFilterFunction> filters(WebClient.Builder builder) {
        List<ExchangeFilterFunction> out = new ArrayList<>();
        builder.filters(out::addAll);
        return out;
    }

    @Test
    void withoutTheSwitchNothingIsAddedAndBootsBuildersAreAsBefore() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SluiceRetry.class).doesNotHaveBean("sluiceRestClientCustomizer")
                    .doesNotHaveBean("sluiceWebClientCustomizer").doesNotHaveBean(SluiceRetryMetrics.class);
            assertThat(interceptors(context.getBean(RestClient.Builder.class))).noneMatch(SluiceRetryInterceptor.class::isInstance);
            assertThat(filters(context.getBean(WebClient.Builder.class))).noneMatch(SluiceRetryFilter.class::isInstance);
        });
    }

    @Test
    void switchedOnEveryBuilderGetsTheRetryFirstAndAllShareOneBudget() {
        runner.withPropertyValues("sluice.client.enabled=true").withBean("signing", RestClientCustomizer.class,
                () -> b -> b.requestInterceptor((request, body, execution) -> execution.execute(request, body))).run(context -> {
            SluiceRetry retry = context.getBean(SluiceRetry.class);
            assertThat(retry.policy()).isEqualTo(RetryPolicy.ofDefaults());

            List<ClientHttpRequestInterceptor> first = interceptors(context.getBean(RestClient.Builder.class));
            List<ClientHttpRequestInterceptor> second = interceptors(context.getBean(RestClient.Builder.class));
            assertThat(first).hasSize(2).first().isInstanceOf(SluiceRetryInterceptor.class);
            assertThat(((SluiceRetryInterceptor) first.get(0)).retry()).isSameAs(retry);
            assertThat(((SluiceRetryInterceptor) second.get(0)).retry()).isSameAs(retry);

            List<ExchangeFilterFunction> filters = filters(context.getBean(WebClient.Builder.class));
            assertThat(filters).first().isInstanceOf(SluiceRetryFilter.class);
            assertThat(((SluiceRetryFilter) filters.get(0)).retry()).isSameAs(retry);
        });
    }

    @Test
    void theCataloguesNamesAreReadInTheirRelaxedFormsAndFromTheEnvironment() {
        runner.withPropertyValues("sluice.client.enabled=true", "sluice.client.maxAttempts=5", "sluice.client.max-wait=20s",
                        "sluice.client.call-timeout=PT30S", "sluice.client.initial-backoff=100ms", "sluice.client.max-backoff=2s",
                        "sluice.client.backoff-multiplier=3", "sluice.client.retry-statuses=429,503,504",
                        "sluice.client.retry_connect_failures=false", "sluice.client.retry-non-idempotent=true",
                        "sluice.client.idempotency-key-header=X-Request-Id", "sluice.client.budget.share=0.2")
                .withInitializer(c -> c.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                        "systemEnvironment", Map.of("SLUICE_CLIENT_BUDGET_MINRETRIESPERSECOND", "3", "SLUICE_CLIENT_BUDGET_WINDOW", "30s"))))
                .run(context -> assertThat(context.getBean(SluiceRetry.class).policy()).isEqualTo(RetryPolicy.builder()
                        .maxAttempts(5).maxWait(Duration.ofSeconds(20)).callTimeout(Duration.ofSeconds(30))
                        .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2)).backoffMultiplier(3)
                        .retryStatuses(429, 503, 504).retryConnectFailures(false).retryNonIdempotent(true)
                        .idempotencyKeyHeader("X-Request-Id").budgetShare(0.2).budgetMinRetriesPerSecond(3)
                        .budgetWindow(Duration.ofSeconds(30)).build()));
    }

    @Test
    void theNamesAndDefaultsAreTheCatalogues() {
        List<PropertyCatalogue.Property> client = PropertyCatalogue.properties().stream()
                .filter(p -> p.name().startsWith("sluice.client.")).toList();
        assertThat(RetryPolicyBinder.PROPERTIES).containsExactlyElementsOf(client.stream().map(PropertyCatalogue.Property::name).toList());

        // The catalogue's defaults written out give the policy's defaults, as leaving them unset does.
        Map<String, String> written = new LinkedHashMap<>();
        client.stream().filter(p -> p.defaultValue() != null).forEach(p -> written.put(p.name(), p.defaultValue()));
        assertThat(written).containsEntry(RetryPolicyBinder.ENABLED, "false");
        written.put(RetryPolicyBinder.ENABLED, "true");
        runner.withPropertyValues(written.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new))
                .run(context -> assertThat(context.getBean(SluiceRetry.class).policy()).isEqualTo(RetryPolicy.ofDefaults()));
    }

    @Test
    void aValueThePolicyRefusesStopsTheStartNamingTheProperty() {
        assertStartFails("sluice.client.max-wait=-1s", "sluice.client.max-wait", "maxWait must be positive, but was PT-1S");
        assertStartFails("sluice.client.retry-statuses=500,503", "sluice.client.retry-statuses", "retryStatuses may hold only [429, 502, 503, 504]");
        assertStartFails("sluice.client.budget.share=1.5", "sluice.client.budget.share", "1.5");
        assertStartFails("sluice.client.initial-backoff=10s", "sluice.client.initial-backoff or sluice.client.max-backoff",
                "maxBackoff must not be less than initialBackoff (PT10S), but was PT5S");
    }

    @Test
    void aValueThatDoesNotConvertStopsTheStartNamingTheProperty() {
        assertStartFails("sluice.client.max-attempts=three", "sluice.client.max-attempts", "three");
        assertStartFails("sluice.client.budget.window=soon", "sluice.client.budget.window", "soon");
    }

    private void assertStartFails(String property, String name, String detail) {
        runner.withPropertyValues("sluice.client.enabled=true", property).run(context -> {
            assertThat(context).hasFailed();
            InvalidClientPropertyException cause = findCause(context.getStartupFailure());
            assertThat(cause.property()).isEqualTo(name);
            assertThat(cause.getMessage()).startsWith(name + ": ").contains(detail);
            FailureAnalysis analysis = new InvalidClientPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(name).contains(detail);
            assertThat(analysis.getAction()).contains("Correct " + name);
        });
    }

    private static InvalidClientPropertyException findCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidClientPropertyException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidClientPropertyException in " + failure, failure);
    }

    @Test
    void withoutSpringBootRestClientOnlyTheWebClientIsCustomized() {
        runner.withPropertyValues("sluice.client.enabled=true").withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("sluiceRestClientCustomizer")
                        .hasBean("sluiceWebClientCustomizer"));
    }

    @Test
    void withoutSpringBootWebClientOnlyTheRestClientIsCustomized() {
        runner.withPropertyValues("sluice.client.enabled=true").withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("sluiceWebClientCustomizer")
                        .hasBean("sluiceRestClientCustomizer"));
    }

    @Test
    void withAMeterRegistryTheDecisionsAreCounted() {
        runner.withPropertyValues("sluice.client.enabled=true").withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(SluiceRetryMetrics.class);
            context.getBean(SluiceRetry.class).newCall("GET", name -> List.of()).onResponse(200, name -> List.of(), () -> "");
            assertThat(context.getBean(MeterRegistry.class).get("sluice.client.attempts").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void withoutMicrometerTheRetryHasNoMetrics() {
        runner.withPropertyValues("sluice.client.enabled=true").withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SluiceRetry.class).doesNotHaveBean(SluiceRetryMetrics.class));
    }

    @Test
    void anApplicationsOwnSluiceRetryIsTheOneTheClientsGet() {
        SluiceRetry own = SluiceRetry.of(RetryPolicy.builder().maxAttempts(2).build());
        runner.withPropertyValues("sluice.client.enabled=true").withBean(SluiceRetry.class, () -> own)
                .run(context -> {
                    assertThat(context).getBean(SluiceRetry.class).isSameAs(own);
                    assertThat(((SluiceRetryInterceptor) interceptors(context.getBean(RestClient.Builder.class)).get(0)).retry()).isSameAs(own);
                });
    }
}
