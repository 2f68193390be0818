package io.parley.auth.architecture;

import io.parley.common.test.FeatureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        FeatureRules.assertNoCyclesUnder("io.parley.auth");
    }

    @Test
    void storesAreReachedOnlyThroughTheirFeature() {
        FeatureRules.assertStoresStayInTheirFeatureUnder("io.parley.auth");
    }
}
