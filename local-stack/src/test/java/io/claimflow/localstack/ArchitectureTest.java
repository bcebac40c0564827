package io.claimflow.localstack;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * local-stack is one package: the launcher of the local stack. The rules are test-support's ArchitectureRules
 * (docs/architecture.md, section 8).
 */
class ArchitectureTest {

    @Test
    void followsTheLayout() {
        ArchitectureRules.checkLibrary("io.claimflow.localstack");
    }
}
