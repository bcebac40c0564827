package io.claimflow.schemas;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * schemas wraps Avro: the wire format (serde), the registry client, JSON samples and the events' own rules. The rules
 * are test-support's ArchitectureRules (docs/architecture.md, section 8).
 */
class ArchitectureTest {

    @Test
    void followsTheLayout() {
        ArchitectureRules.checkLibrary("io.claimflow.schemas", "json", "registry", "rules", "serde");
    }
}
