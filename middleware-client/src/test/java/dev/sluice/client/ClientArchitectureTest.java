package dev.sluice.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core is JDK-only, and the client never leans on the server side of Sluice. */
class ClientArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.client");

    @Test
    void theCorePackageDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("dev.sluice.client")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sluice.client")
                .check(MAIN);
    }

    @Test
    void theJdkAdapterDependsOnNothingButTheJdkAndTheCore() {
        classes().that().resideInAPackage("dev.sluice.client.jdk")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sluice.client", "dev.sluice.client.jdk")
                .check(MAIN);
    }

    @Test
    void noClientClassUsesTheServerSideOfSluice() {
        noClasses().that().resideInAPackage("dev.sluice.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice", "dev.sluice.http..", "dev.sluice.clientlimit..",
                        "dev.sluice.maintenance..", "dev.sluice.servlet..", "dev.sluice.spring..")
                .check(MAIN);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.sluice.client.spring")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.client.jdk..", "dev.sluice.client.micrometer..",
                        "dev.sluice.client.spring.boot..", "org.springframework.boot..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.sluice.client.micrometer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.client.jdk..", "dev.sluice.client.spring..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.sluice.client.faulttolerance..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.client.jdk..", "dev.sluice.client.spring..",
                        "dev.sluice.client.micrometer..", "org.springframework..")
                .check(MAIN);
    }

    /** Spring Boot's auto-configuration is the one place that joins adapters (Spring's and Micrometer's), and only those. */
    @Test
    void onlyTheAutoConfigurationJoinsAdapters() {
        noClasses().that().resideInAPackage("dev.sluice.client.spring.boot..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.client.jdk..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackage("dev.sluice.client.spring.boot..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.client.spring.boot..")
                .check(MAIN);
    }
}
