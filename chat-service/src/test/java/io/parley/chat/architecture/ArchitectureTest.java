package io.parley.chat.architecture;

import io.parley.common.test.FeatureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        FeatureRules.assertNoCyclesUnder("io.parley.chat");
    }

    @Test
    void storesAreReachedOnlyThroughTheirFeature() {
        FeatureRules.assertStoresStayInTheirFeatureUnder("io.parley.chat");
    }
}
