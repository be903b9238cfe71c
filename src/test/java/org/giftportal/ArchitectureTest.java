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

    @Test
    void eachPackageDependsOnlyOnItsOwnLayerAndTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("composition").definedBy("org.giftportal.home..", "org.giftportal.backoffice..")
                .layer("features").definedBy("org.giftportal.restrictions..", "org.giftportal.redeem..",
                        "org.giftportal.balance..", "org.giftportal.help..", "org.giftportal.support..",
                        "org.giftportal.gift..", "org.giftportal.pay..", "org.giftportal.store..")
                .layer("core").definedBy("org.giftportal.audit..", "org.giftportal.account..",
                        "org.giftportal.approvals..", "org.giftportal.delivery..", "org.giftportal.card..",
                        "org.giftportal.ledger..")
                .layer("infrastructure").definedBy("org.giftportal.ops..", "org.giftportal.web..")
                .layer("foundation").definedBy("org.giftportal.site..")
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

    @Test
    void everyPackageIsInALayer() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage("org.giftportal..")
                .should().resideInAnyPackage("org.giftportal.site..", "org.giftportal.ops..", "org.giftportal.web..",
                        "org.giftportal.audit..", "org.giftportal.account..", "org.giftportal.approvals..",
                        "org.giftportal.delivery..", "org.giftportal.card..", "org.giftportal.ledger..",
                        "org.giftportal.restrictions..", "org.giftportal.redeem..", "org.giftportal.balance..",
                        "org.giftportal.help..", "org.giftportal.support..", "org.giftportal.gift..",
                        "org.giftportal.pay..", "org.giftportal.store..", "org.giftportal.home..",
                        "org.giftportal.backoffice..")
                .because("a new package takes its place in the layers above before it is used")
                .check(PORTAL);
    }
}
