package dev.sluice.quarkus.deployment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** With quarkus-micrometer present, Sluice's meters are registered and count rejections. */
class MetricsTest {

    private static final String TOKEN = "extension-test-token-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class, Registry.class))
            .overrideConfigKey("sluice.admin.token", TOKEN)
            .overrideConfigKey("sluice.shedding.enabled", "true")
            .overrideConfigKey("sluice.shedding.limit.type", "gradient2")
            .overrideConfigKey("sluice.shedding.limit.max", "16")
            .overrideConfigKey("sluice.shedding.limit.initial", "8")
            .overrideConfigKey("sluice.shedding.critical.routes", "/hello")
            .overrideConfigKey("sluice.shedding.queue-time.max", "2s");

    /** A registry the test can read; Quarkus binds every MeterBinder bean to it. */
    public static class Registry {
        @Produces
        @Singleton
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    dev.sluice.Sluice sluice;

    @Test
    void sheddingIsConfiguredThroughTheMappingAndHasItsMeters() {
        var shedding = sluice.config().shedding();
        assertThat(shedding.limitType()).isEqualTo(dev.sluice.shedding.SheddingConfig.LimitType.GRADIENT2);
        assertThat(shedding.limitInitial()).isEqualTo(8);
        assertThat(shedding.queueTimeMax()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(shedding.critical().matches("GET", "/hello")).isTrue();

        RestAssured.get("/hello").then().statusCode(200);

        assertThat(registry.find("sluice.requests.inflight").gauge()).isNotNull().satisfies(g -> assertThat(g.value()).isZero());
        assertThat(registry.find("sluice.shedding.limit").gauge()).isNotNull().satisfies(g -> assertThat(g.value()).isBetween(1.0, 16.0));
        assertThat(registry.find("sluice.shedding.rejected").tag("priority", "critical").functionCounter()).isNotNull();
    }

    @Test
    void rejectionsAreCountedWithTheSameNamesAsEverywhere() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{}").post("/q/maintenance").then().statusCode(200);
        RestAssured.get("/hello").then().statusCode(503);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/q/maintenance").then().statusCode(200);

        assertThat(registry.find("sluice.requests.rejected").tag("reason", "maintenance").tag("status", "503").counter())
                .isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(1));
        assertThat(registry.find("sluice.maintenance.active").gauge()).isNotNull();
    }
}
