package io.claimflow.payersimulator;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The simulator has the layout of docs/architecture.md, section 8; it stands in for a payer, so it keeps its own login
 * and problem details instead of the platform's (test-support's ArchitectureRules.checkStandIn).
 */
class ArchitectureTest {

    @Test
    void followsTheServiceLayout() {
        ArchitectureRules.checkStandIn(PayerSimulatorApplication.class);
    }
}
