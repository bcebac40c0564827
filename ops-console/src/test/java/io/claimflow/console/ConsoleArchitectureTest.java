package io.claimflow.console;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** ops-console has the layout of docs/architecture.md, section 8 (the rules are test-support's ArchitectureRules). */
class ConsoleArchitectureTest {

    @Test
    void followsTheServiceLayout() {
        ArchitectureRules.checkService(OpsConsoleApplication.class);
    }
}
