package io.parley.file.architecture;

import io.parley.common.test.FeatureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        FeatureRules.assertNoCyclesUnder("io.parley.file");
    }

    @Test
    void storesAreReachedOnlyThroughTheirFeature() {
        FeatureRules.assertStoresStayInTheirFeatureUnder("io.parley.file");
    }
}
