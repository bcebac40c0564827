package io.claimflow.e2e;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * e2e's main code is tooling that drives a running stack through Kafka (bench, demo, workload). The rules are test-support's
 * ArchitectureRules (docs/architecture.md, section 8).
 */
class ArchitectureTest {

    @Test
    void followsTheLayout() {
        ArchitectureRules.checkLibrary("io.claimflow.e2e", "bench", "demo", "workload");
    }
}
