package org.giftportal;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The portal's packages in layers, written here once (and drawn in docs/architecture.md): a package depends only on
 * its own layer and those below, and no two packages depend on each other, directly or round a circle. Read from the
 * bytecode, so a fully qualified name counts like an import. Bottom to top:
 * <ol>
 * <li>foundation: {@code site} (configuration, money, formats, the clock);</li>
 * <li>infrastructure every layer uses: {@code ops} (retries, job leases, housekeeping's plug-in point),
 * {@code web} (problem documents, request budgets and limits, client address, error pages, security headers);</li>
 * <li>the core: {@code audit}, {@code account}, {@code approvals} (the one two-person engine), {@code delivery}
 * (the outbox, which carries opaque references), {@code card}, {@code ledger} (with holds, captures, refunds);</li>
 * <li>features: {@code restrictions}, {@code redeem}, {@code balance}, {@code help}, {@code support}, {@code gift},
 * {@code pay}, {@code store};</li>
 * <li>composition: {@code home} (the web shell's home page) and {@code backoffice} (the staff home and the account
 * page that gathers every feature's facts about a shopper).</li>
 * </ol>
 */
class ArchitectureTest {
    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.giftportal");
    /** The layers, each with its packages, top to bottom: the one list both rules below read. */
    private static final String[] COMPOSITION = packages("home", "backoffice");
    private static final String[] FEATURES = packages("restrictions", "redeem", "balance", "help", "support", "gift",
            "pay", "store", "finance", "webhook");
    private static final String[] CORE = packages("audit", "account", "approvals", "delivery", "card", "ledger");
    private static final String[] INFRASTRUCTURE = packages("ops", "web");
    private static final String[] FOUNDATION = packages("site");

    private static String[] packages(String... names) {
        return java.util.Arrays.stream(names).map(name -> "org.giftportal." + name + "..").toArray(String[]::new);
    }

    @Test
    void eachPackageDependsOnlyOnItsOwnLayerAndTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("composition").definedBy(COMPOSITION)
                .layer("features").definedBy(FEATURES)
                .layer("core").definedBy(CORE)
                .layer("infrastructure").definedBy(INFRASTRUCTURE)
                .layer("foundation").definedBy(FOUNDATION)
                .whereLayer("composition").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("composition")
                .whereLayer("core").mayOnlyBeAccessedByLayers("features", "composition")
                .whereLayer("infrastructure").mayOnlyBeAccessedByLayers("core", "features", "composition")
                .check(PORTAL);
    }

    @Test
    void noTwoPackagesDependOnEachOtherDirectlyOrRoundACircle() {
        slices().matching("org.giftportal.(*)..").should().beFreeOfCycles().check(PORTAL);
    }

    /** A resource handles HTTP and picks a template: queries are named finders on entities or in a service. */
    @Test
    void resourcesRunNoQueryOfTheirOwn() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().callMethodWhere(new com.tngtech.archunit.base.DescribedPredicate<
                        com.tngtech.archunit.core.domain.JavaMethodCall>("a query or the entity manager") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall call) {
                        return java.util.Set.of("createQuery", "createNativeQuery", "getEntityManager")
                                .contains(call.getTarget().getName());
                    }
                })
                .check(PORTAL);
    }

    /** Past this a resource holds more than HTTP: its pages' facts belong in the feature's classes. */
    @Test
    void noResourceIsOverThreeHundredLines() throws java.io.IOException {
        try (var sources = java.nio.file.Files.walk(java.nio.file.Path.of("src", "main", "java"))) {
            java.util.Map<String, Long> tooLong = new java.util.TreeMap<>();
            for (java.nio.file.Path file : sources.filter(path -> path.toString().endsWith("Resource.java")).toList()) {
                long lines = java.nio.file.Files.readAllLines(file).size();
                if (lines > 300) {
                    tooLong.put(file.toString(), lines);
                }
            }
            org.assertj.core.api.Assertions.assertThat(tooLong).isEmpty();
        }
    }

    @Test
    void everyPackageIsInALayer() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage("org.giftportal..")
                .should().resideInAnyPackage(java.util.stream.Stream.of(COMPOSITION, FEATURES, CORE, INFRASTRUCTURE,
                        FOUNDATION).flatMap(java.util.Arrays::stream).toArray(String[]::new))
                .because("a new package takes its place in the layers above before it is used")
                .check(PORTAL);
    }
}
