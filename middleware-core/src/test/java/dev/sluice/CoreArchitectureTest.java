package dev.sluice;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core knows nothing of Servlet, Spring, Quarkus, Vert.x, Micrometer or a logging framework. */
class CoreArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");

    @Test
    void coreDependsOnNoWebFrameworkNorMetricsNorLoggingLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta.servlet..", "javax.servlet..", "org.springframework..", "io.quarkus..", "io.vertx..",
                        "io.micrometer..", "org.slf4j..", "org.apache.logging..", "ch.qos.logback..")
                .check(core);
    }

    @Test
    void onlyTheResilience4jAdaptersTouchResilience4j() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.dependency..")
                .and().doNotHaveFullyQualifiedName("dev.sluice.internal.failure.FailureClassifier$Resilience4jNames")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.resilience4j..")
                .check(core);
    }
}
