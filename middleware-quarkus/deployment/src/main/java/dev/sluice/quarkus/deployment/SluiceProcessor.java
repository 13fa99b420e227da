package dev.sluice.quarkus.deployment;

import dev.sluice.quarkus.runtime.BulkheadMapper;
import dev.sluice.quarkus.runtime.CallNotPermittedMapper;
import dev.sluice.quarkus.runtime.CircuitBreakerOpenMapper;
import dev.sluice.quarkus.runtime.SluiceMetricsProducer;
import dev.sluice.quarkus.runtime.SluiceProducer;
import dev.sluice.quarkus.runtime.SluiceRecorder;
import dev.sluice.quarkus.runtime.SluiceReadinessCheck;
import dev.sluice.quarkus.runtime.SluiceRoutes;
import dev.sluice.quarkus.runtime.UpstreamResponseMapper;
import dev.sluice.quarkus.runtime.UpstreamTimeoutMapper;
import dev.sluice.quarkus.runtime.devui.SluiceDevUiService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.runtime.management.ManagementInterfaceBuildTimeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ShutdownListenerBuildItem;

/** Wires Sluice into a Quarkus application at build time. */
class SluiceProcessor {

    private static final String FEATURE = "sluice";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** A Dev UI card with the maintenance state and a switch (dev mode only). */
    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem devUiCard() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Maintenance")
                .icon("font-awesome-solid:toggle-on")
                .componentLink("qwc-sluice-maintenance.js")
                .dynamicLabelJsonRPCMethodName("label"));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    void devUiService(BuildProducer<JsonRPCProvidersBuildItem> providers, BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        // Dev UI finds the JSON-RPC methods in the index; the extension's runtime jar is not indexed by itself.
        indexed.produce(new AdditionalIndexedClassesBuildItem(SluiceDevUiService.class.getName()));
        providers.produce(new JsonRPCProvidersBuildItem(SluiceDevUiService.class));
    }

    /**
     * Decides at build time what Quarkus fixes at build time, and records it for the runtime: the non-application
     * root ({@code quarkus.http.non-application-root-path}), where the admin is served (the management interface's
     * root when it is enabled), the probes' root, and which circuit-breaker libraries the application has.
     */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void buildFacts(SluiceRecorder recorder, NonApplicationRootPathBuildItem nonApplication, ManagementInterfaceBuildTimeConfig management,
                    Capabilities capabilities) {
        String nonApplicationRoot = withoutTrailingSlash(nonApplication.getNonApplicationRootPath());
        String adminRoot = management.enabled() ? withoutTrailingSlash("/" + management.rootPath().replaceAll("^/+", "")) : nonApplicationRoot;
        String health = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-health.root-path", String.class).orElse("health");
        String healthRoot = withoutTrailingSlash(nonApplication.resolvePath(health));
        recorder.facts(nonApplicationRoot, adminRoot, healthRoot, management.enabled(),
                QuarkusClassLoader.isClassPresentAtRuntime("io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry"),
                capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE));
    }

    private static String withoutTrailingSlash(String path) {
        return path.replaceAll("/+$", "");
    }

    /** Drains in the pre-shutdown phase, before the HTTP server stops (CONTRACT §11). */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ShutdownListenerBuildItem drainOnShutdown(SluiceRecorder recorder) {
        return new ShutdownListenerBuildItem(recorder.shutdownListener());
    }

    @BuildStep
    void beans(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
               BuildProducer<AdditionalIndexedClassesBuildItem> indexed) {
        beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(SluiceProducer.class, SluiceRoutes.class).setUnremovable().build());
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(SluiceReadinessCheck.class));
        }
        // quarkus-micrometer provides the capability "io.quarkus.metrics"; the class check keeps other metrics extensions out.
        if (capabilities.isPresent(Capability.METRICS) && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(SluiceMetricsProducer.class));
        }
        if (capabilities.isPresent(Capability.REST)) {
            indexed.produce(new AdditionalIndexedClassesBuildItem(UpstreamResponseMapper.class.getName(), UpstreamTimeoutMapper.class.getName()));
            if (QuarkusClassLoader.isClassPresentAtRuntime("io.github.resilience4j.circuitbreaker.CallNotPermittedException")) {
                indexed.produce(new AdditionalIndexedClassesBuildItem(CallNotPermittedMapper.class.getName()));
            }
            if (QuarkusClassLoader.isClassPresentAtRuntime("org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException")) {
                indexed.produce(new AdditionalIndexedClassesBuildItem(CircuitBreakerOpenMapper.class.getName(), BulkheadMapper.class.getName()));
            }
        }
    }
}
