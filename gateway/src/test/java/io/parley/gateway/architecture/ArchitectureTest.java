package io.parley.gateway.architecture;

import io.parley.common.test.FeatureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        FeatureRules.assertNoCyclesUnder("io.parley.gateway");
    }
}
