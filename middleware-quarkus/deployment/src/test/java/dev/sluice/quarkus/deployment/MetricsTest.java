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
            .overrideConfigKey("sluice.admin.token", TOKEN);

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

    @Test
    void rejectionsAreCountedWithTheSameNamesAsEverywhere() {
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).body("{}").post("/q/maintenance").then().statusCode(200);
        RestAssured.get("/hello").then().statusCode(503);
        RestAssured.given().header("Authorization", "Bearer " + TOKEN).delete("/q/maintenance").then().statusCode(200);

        assertThat(registry.find("sluice.requests.rejected").tag("reason", "maintenance").tag("status", "503").counter())
                .isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(1));
        assertThat(registry.find("sluice.maintenance.active").gauge()).isNotNull();
    }
}
