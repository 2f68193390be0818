package io.parley.common.architecture;

import io.parley.common.test.FeatureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void commonsPackagesHaveNoCycles() {
        FeatureRules.assertNoCyclesUnder("io.parley.common");
    }
}
