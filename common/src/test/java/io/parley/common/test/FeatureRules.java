package io.parley.common.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules each module's architecture test states about its feature packages (the first level under
 * the module's root package, with everything below them).
 */
public final class FeatureRules {

    /** Importing a module's classes takes seconds: once per test JVM, whatever the rules asked. */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private FeatureRules() {
    }

    /**
     * Features depend on each other without cycles, so a feature can be read, changed and tested from
     * the features it uses, never from those that use it.
     *
     * @throws AssertionError naming each cycle
     */
    public static void assertNoCyclesUnder(String rootPackage) {
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(mainClasses(rootPackage));
    }

    /**
     * A store is its feature's own: package-private, so other features go through the feature's domain API.
     *
     * @throws AssertionError naming each store other packages can reach
     */
    public static void assertStoresStayInTheirFeatureUnder(String rootPackage) {
        classes().that().haveSimpleNameEndingWith("Store").and().areNotInterfaces().should().notBePublic()
                .check(mainClasses(rootPackage));
    }

    private static JavaClasses mainClasses(String rootPackage) {
        return IMPORTED.computeIfAbsent(rootPackage, root -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root));
    }
}
