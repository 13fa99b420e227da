package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.SluiceConfigException;
import dev.sluice.micrometer.SluiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SluiceAutoConfigurationTest {

    private static final AutoConfigurations ALL = AutoConfigurations.of(SluiceAutoConfiguration.class,
            SluiceServletAutoConfiguration.class, SluiceReactiveAutoConfiguration.class,
            SluiceMetricsAutoConfiguration.class, SluiceHealthAutoConfiguration.class);

    @Test
    void withoutAWebApplicationThereIsSluiceButNoFilter() {
        new ApplicationContextRunner().withConfiguration(ALL).run(context -> {
            assertThat(context).hasSingleBean(Sluice.class);
            assertThat(context).doesNotHaveBean("sluiceFilterRegistration");
            assertThat(context).doesNotHaveBean("sluiceWebFilter");
        });
    }

    @Test
    void aServletApplicationGetsTheFilterTheAdminFilterAndTheResolver() {
        new WebApplicationContextRunner().withConfiguration(ALL).run(context -> {
            assertThat(context).hasBean("sluiceFilterRegistration");
            assertThat(context.getBean("sluiceFilterRegistration", FilterRegistrationBean.class).getOrder())
                    .isEqualTo(SluiceServletAutoConfiguration.FILTER_ORDER).isLessThan(-100);
            assertThat(context).hasBean("sluiceAdminFilterRegistration");
            assertThat(context.getBean("sluiceHandlerExceptionResolver")).isInstanceOf(HandlerExceptionResolver.class);
            assertThat(context).doesNotHaveBean("sluiceWebFilter");
        });
    }

    @Test
    void aReactiveApplicationGetsTheWebFilterAndTheExceptionHandler() {
        new ReactiveWebApplicationContextRunner().withConfiguration(ALL).run(context -> {
            assertThat(context.getBean("sluiceWebFilter")).isInstanceOf(WebFilter.class);
            assertThat(context).hasBean("sluiceAdminWebFilter");
            assertThat(context).hasBean("sluiceWebExceptionHandler");
            assertThat(context).doesNotHaveBean("sluiceFilterRegistration");
        });
    }

    @Test
    void sheddingPropertiesReachTheCore() {
        new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues(
                "sluice.shedding.enabled=true", "sluice.shedding.limit.type=gradient2", "sluice.shedding.limit.max=16",
                "sluice.shedding.limit.initial=8", "sluice.shedding.limit.min=2", "sluice.shedding.normal-share=0.75",
                "sluice.shedding.critical.routes=/hello", "sluice.shedding.critical.methods=GET",
                "sluice.shedding.cpu.normal-above=0.95", "sluice.shedding.queue-time.max=2s").run(context -> {
            var shedding = context.getBean(Sluice.class).config().shedding();
            assertThat(shedding.enabled()).isTrue();
            assertThat(shedding.limitType()).isEqualTo(dev.sluice.shedding.SheddingConfig.LimitType.GRADIENT2);
            assertThat(shedding.limitMax()).isEqualTo(16);
            assertThat(shedding.limitInitial()).isEqualTo(8);
            assertThat(shedding.limitMin()).isEqualTo(2);
            assertThat(shedding.normalShare()).isEqualTo(0.75);
            assertThat(shedding.critical().matches("GET", "/hello")).isTrue();
            assertThat(shedding.cpuNormalAbove()).isEqualTo(0.95);
            assertThat(shedding.queueTimeMax()).isEqualTo(java.time.Duration.ofSeconds(2));
            assertThat(context.getBean(Sluice.class).shedding()).isPresent();
        });
    }

    @Test
    void environmentVariablesAndRelaxedNamesBindThroughTheCatalogueGroupsIncluded() {
        Map<String, Object> env = Map.of(
                "SLUICE_SHEDDING_QUEUETIME_HEADER", "X-Queue-Start",
                "SLUICE_CLIENTLIMITS_POLICIES_QUOTA_ROUTES", "/quota",
                "SLUICE_CLIENTLIMITS_POLICIES_QUOTA_LIMITS", "5/10s",
                "SLUICE_CLIENTLIMITS_POLICIES_QUOTA_KEY", "api-key,ip",
                "SLUICE_MAINTENANCE_WINDOWS_0_START", "2030-01-01T00:00:00Z",
                "SLUICE_MAINTENANCE_WINDOWS_0_END", "2030-01-01T01:00:00Z");
        new ApplicationContextRunner().withConfiguration(ALL)
                .withInitializer(c -> c.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.SystemEnvironmentPropertySource("systemEnvironment", env)))
                .withPropertyValues("sluice.shedding.normalShare=0.8", "sluice.exempt-paths[0]=/status", "sluice.exempt-paths[1]=/ping")
                .run(context -> {
                    SluiceConfig config = context.getBean(Sluice.class).config();
                    assertThat(config.shedding().queueTimeHeader()).isEqualTo("X-Queue-Start");
                    assertThat(config.shedding().normalShare()).isEqualTo(0.8);
                    assertThat(config.exemptPaths().asStrings()).contains("/status", "/ping", "/actuator/**");
                    assertThat(config.clientLimits().policies()).singleElement().satisfies(p -> {
                        assertThat(p.name()).isEqualTo("quota");
                        assertThat(p.keys()).containsExactly(dev.sluice.clientlimit.ClientKeyType.API_KEY, dev.sluice.clientlimit.ClientKeyType.IP);
                    });
                    assertThat(config.maintenance().windows()).singleElement()
                            .satisfies(w -> assertThat(w.start()).isEqualTo(java.time.Instant.parse("2030-01-01T00:00:00Z")));
                });
    }

    @Test
    void readinessStaysUpDuringMaintenanceUnlessToldOtherwise() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues("sluice.maintenance.enabled=true");

        runner.run(context -> assertThat(context.getBean("sluiceHealthIndicator", HealthIndicator.class).health().getStatus())
                .isEqualTo(org.springframework.boot.health.contributor.Status.UP));
        runner.withPropertyValues("sluice.health.ready-during-maintenance=false")
                .run(context -> assertThat(context.getBean("sluiceHealthIndicator", HealthIndicator.class).health().getStatus())
                        .isEqualTo(org.springframework.boot.health.contributor.Status.OUT_OF_SERVICE));
    }

    @Test
    void withoutHealthSupportThereIsNoHealthIndicator() {
        new ApplicationContextRunner().withConfiguration(ALL).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(Sluice.class).doesNotHaveBean("sluiceHealthIndicator"));
        new ApplicationContextRunner().withConfiguration(ALL)
                .run(context -> assertThat(context).hasBean("sluiceHealthIndicator"));
    }

    @Test
    void withoutMicrometerThereAreNoMeters() {
        new ApplicationContextRunner().withConfiguration(ALL).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(Sluice.class).doesNotHaveBean(SluiceMetrics.class));
        new ApplicationContextRunner().withConfiguration(ALL)
                .run(context -> assertThat(context).hasSingleBean(SluiceMetrics.class));
    }

    @Test
    void theUsersOwnBeansWin() {
        new WebApplicationContextRunner().withConfiguration(ALL).withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context.getBean(Sluice.class)).isSameAs(context.getBean(UserBeans.class).sluice);
            assertThat(context.getBean("sluiceFilterRegistration")).isSameAs(context.getBean(UserBeans.class).registration);
        });
    }

    @Test
    void propertiesReachTheCoreAndTheActuatorPathIsExempt() {
        new ApplicationContextRunner().withConfiguration(ALL)
                .withPropertyValues("sluice.maintenance.enabled=true", "sluice.maintenance.retry-after=10m",
                        "sluice.exempt-paths=/status", "sluice.client-limits.policies.api.routes=/api/**",
                        "sluice.client-limits.policies.api.limits=100/1m")
                .run(context -> {
                    SluiceConfig config = context.getBean(Sluice.class).config();
                    assertThat(config.maintenance().enabled()).isTrue();
                    assertThat(config.maintenance().retryAfter()).hasMinutes(10);
                    assertThat(config.exemptPaths().asStrings()).contains("/status", "/actuator/**");
                    assertThat(context.getBean(Sluice.class).adminHttp().isAdminPath("/actuator/maintenance")).isTrue();
                    assertThat(config.clientLimits().policies()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("api"));
                });
    }

    @Test
    void anActuatorAtTheRootExemptsOnlyTheHealthEndpointNotEveryPath() {
        new ApplicationContextRunner().withConfiguration(ALL)
                .withPropertyValues("management.endpoints.web.base-path=/", "sluice.admin.path=/maintenance")
                .run(context -> {
                    SluiceConfig config = context.getBean(Sluice.class).config();
                    assertThat(config.exemptPaths().asStrings()).contains("/health/**").doesNotContain("/**");
                    assertThat(config.exemptPaths().matches("/hello")).isFalse();
                    assertThat(context.getBean(Sluice.class).adminHttp().isAdminPath("/maintenance")).isTrue();
                });
    }

    @Test
    void anInvalidValueStopsStartUpNamingThePropertyAndWhatIsAllowed() {
        new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues("sluice.maintenance.bypass.secret=short")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    SluiceConfigException cause = findCause(failure);
                    assertThat(cause.property()).isEqualTo("sluice.maintenance.bypass.secret");
                    FailureAnalysis analysis = new SluiceConfigFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).contains("sluice.maintenance.bypass.secret").contains("at least 16");
                    assertThat(analysis.getAction()).contains("sluice.maintenance.bypass.secret");
                });
    }

    @Test
    void dependenciesWithoutACircuitBreakerRegistryFailNamingTheDependency() {
        new ApplicationContextRunner().withConfiguration(ALL).withPropertyValues("sluice.dependencies.payments.routes=/payments/**")
                .run(context -> assertThat(findCause(context.getStartupFailure()).property()).isEqualTo("sluice.dependencies.payments"));
    }

    private static SluiceConfigException findCause(Throwable t) {
        while (t != null && !(t instanceof SluiceConfigException)) {
            t = t.getCause();
        }
        assertThat(t).as("a SluiceConfigException in the cause chain").isNotNull();
        return (SluiceConfigException) t;
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        final Sluice sluice = Sluice.create(SluiceConfig.defaults());
        final FilterRegistrationBean<?> registration = new FilterRegistrationBean<>();

        @Bean
        Sluice sluice() {
            return sluice;
        }

        @Bean
        FilterRegistrationBean<?> sluiceFilterRegistration() {
            return registration;
        }
    }
}
