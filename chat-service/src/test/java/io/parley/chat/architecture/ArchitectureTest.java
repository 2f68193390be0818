package io.parley.chat.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.parley.common.test.FeatureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String PROVIDER = "io.parley.chat.provider";

    @Test
    void featurePackagesHaveNoCycles() {
        FeatureRules.assertNoCyclesUnder("io.parley.chat");
    }

    @Test
    void storesAreReachedOnlyThroughTheirFeature() {
        FeatureRules.assertStoresStayInTheirFeatureUnder("io.parley.chat");
    }

    /**
     * Inside {@code provider} the root API, the shared plumbing, the wire formats and the factory each
     * only call downwards; the feature rule sees the whole of {@code provider} as one slice.
     */
    @Test
    void providerPackagesHaveNoCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(PROVIDER) || name.startsWith(PROVIDER + ".")
                        ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + PROVIDER;
            }
        }).should().beFreeOfCycles().check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(PROVIDER));
    }
}
