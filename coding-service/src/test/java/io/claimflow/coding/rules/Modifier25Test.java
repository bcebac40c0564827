package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static io.claimflow.coding.rules.EncounterCoderTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Modifier 25 on a significant, separately identifiable E/M on the same day as a procedure or a drug administration
 * (CPT modifier 25, NCCI policy manual chapter 11), not only with surgical-range codes or NCCI pairs.
 */
class Modifier25Test {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    @Test
    void aVisitForHypertensionWithAnInjectionForBackPainGets25() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("I10")
                .icd("M54.50")
                .cpt("96372", "Therapeutic injection, intramuscular")
                .procedure(CodeSystem.HCPCS, "J1885", "Ketorolac tromethamine 15 mg", "2")
                .build());

        assertThat(coding.held()).as("holds %s", coding.holds()).isFalse();
        assertThat(lines(coding)).isEqualTo("99214-25[1, 2] 96372[2] J1885x2[2]");
        assertThat(coding.edits()).anyMatch(e -> e.ruleId().equals("MOD-25"));
    }

    @Test
    void anAdministeredDrugPointsTheInjectionAndTheVisitGets25() {
        Coding coding = coder.code(Encounters.office()
                .established(22, DecisionMaking.LOW)
                .icd("E11.9")
                .icd("M17.11")
                .cpt("96372", "Therapeutic injection, intramuscular")
                .item("DRUG", CodeSystem.HCPCS, "J1030", "00009307401", "80", "MILLIGRAM")
                .build());

        assertThat(coding.held()).as("holds %s", coding.holds()).isFalse();
        assertThat(lines(coding)).isEqualTo("99213-25[1, 2] 96372[2] J1030x2[2]");
    }

    @Test
    void aVisitOnlyForTheInjectedProblemIsHeldForJudgement() {
        Coding coding = coder.code(Encounters.office()
                .established(15, DecisionMaking.LOW)
                .icd("M54.50")
                .cpt("96372", "Therapeutic injection, intramuscular")
                .procedure(CodeSystem.HCPCS, "J1885", "Ketorolac tromethamine 15 mg", "2")
                .build());

        assertThat(holds(coding)).contains("MOD25-JUDGEMENT");
    }

    @Test
    void anInjectionWithoutAVisitNeedsNoModifier() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("M54.50")
                .cpt("96372", "Therapeutic injection, intramuscular")
                .procedure(CodeSystem.HCPCS, "J1885", "Ketorolac tromethamine 15 mg", "2")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(lines(coding)).isEqualTo("96372[1] J1885x2[1]");
    }
}
