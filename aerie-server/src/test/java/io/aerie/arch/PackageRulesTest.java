package io.aerie.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package map of DESIGN.md as rules: who may depend on whom, and who may read the clock. */
class PackageRulesTest {
    private static JavaClasses classes = new ClassFileImporter().importPackages("io.aerie");

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.aerie");
    }

    @Test
    void pureCodecsAndOpsDoNoIoAndKnowNoSubsystem() {
        noClasses()
                .that()
                .resideInAnyPackage("io.aerie.protocol..", "io.aerie.ops..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.aerie.net..",
                        "io.aerie.txn..",
                        "io.aerie.namespace..",
                        "io.aerie.storage..",
                        "io.aerie.info..",
                        "io.aerie.server..",
                        "java.io..",
                        "java.nio.channels..",
                        "io.netty.channel..")
                .check(classes);
    }

    @Test
    void storageKnowsNothingAbove() {
        noClasses()
                .that()
                .resideInAPackage("io.aerie.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.aerie.net..",
                        "io.aerie.txn..",
                        "io.aerie.namespace..",
                        "io.aerie.info..",
                        "io.aerie.server..")
                .check(classes);
    }

    @Test
    void onlyTheServerWiresTheNode() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.aerie.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.aerie.server..")
                .check(classes);
    }

    @Test
    void wallClockIsReadOnlyThroughTheInjectedClock() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.aerie.util..", "io.aerie.server..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .check(classes);
    }

    @Test
    void transactionsAndDataNeverSpawnThreads() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.aerie.protocol..",
                        "io.aerie.ops..",
                        "io.aerie.storage..",
                        "io.aerie.txn..",
                        "io.aerie.namespace..")
                .should()
                .callConstructor(Thread.class)
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.concurrent.Executors")
                .check(classes);
    }
}
