package io.claimflow.codes;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * billing-codes is one package of plain code tables. The rules are test-support's ArchitectureRules
 * (docs/architecture.md, section 8).
 */
class ArchitectureTest {

    @Test
    void followsTheLayout() {
        ArchitectureRules.checkLibrary("io.claimflow.codes");
    }
}
