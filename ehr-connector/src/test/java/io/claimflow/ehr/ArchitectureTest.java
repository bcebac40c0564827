package io.claimflow.ehr;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** ehr-connector has the layout of docs/architecture.md, section 8 (the rules are test-support's ArchitectureRules). */
class ArchitectureTest {

    @Test
    void followsTheServiceLayout() {
        ArchitectureRules.checkService(EhrConnectorApplication.class);
    }
}
