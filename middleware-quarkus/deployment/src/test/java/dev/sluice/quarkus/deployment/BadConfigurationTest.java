package dev.sluice.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad value stops start-up with a message naming the property and what is allowed. */
class BadConfigurationTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("sluice.maintenance.bypass.secret", "short")
            .assertException(t -> {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).contains("sluice.maintenance.bypass.secret").contains("at least 16");
            });

    @Test
    void startUpFails() {
        Assertions.fail("start-up should have failed");
    }
}
