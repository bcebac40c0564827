package io.claimflow.platform;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The platform is the services' shared edge: each package wraps one technology (Kafka, the outbox's JDBC, Spring MVC
 * and Security...) and may use it; money and validation are plain. The rules are test-support's ArchitectureRules.
 */
class ArchitectureTest {

    @Test
    void followsTheLayout() {
        ArchitectureRules.checkLibrary(
                "io.claimflow.platform",
                "audit",
                "deadletter",
                "jdbc",
                "kafka",
                "observability",
                "outbox",
                "security",
                "web");
    }
}
