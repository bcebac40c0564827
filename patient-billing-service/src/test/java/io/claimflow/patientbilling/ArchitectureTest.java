package io.claimflow.patientbilling;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * patient-billing has the layout of docs/architecture.md, section 8 (the rules are test-support's ArchitectureRules).
 */
class ArchitectureTest {

    @Test
    void followsTheServiceLayout() {
        ArchitectureRules.checkService(PatientBillingServiceApplication.class);
    }

    @Test
    void postingRulesAgingStatementsAndPlansArePlainJava() {
        ArchitectureRules.checkPlainJava(
                PatientBillingServiceApplication.class, "ledger", "account", "statement", "plan");
    }
}
