package io.claimflow.testsupport;

import org.junit.jupiter.api.Test;

/**
 * schema-registry's architecture test, here because test-support depends on schema-registry (it starts the registry
 * for tests), so schema-registry cannot depend on test-support. One package: the registry's REST door and store.
 */
class SchemaRegistryArchitectureTest {

    @Test
    void schemaRegistryFollowsTheLayout() {
        ArchitectureRules.checkLibrary("io.claimflow.registry");
    }
}
