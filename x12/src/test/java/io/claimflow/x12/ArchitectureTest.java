package io.claimflow.x12;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * x12 is one package of X12 helpers on staedi, shared by the gateway and the simulator. The rules are test-support's
 * ArchitectureRules (docs/architecture.md, section 8).
 */
class ArchitectureTest {

    @Test
    void followsTheLayout() {
        ArchitectureRules.checkLibrary("io.claimflow.x12");
    }
}
