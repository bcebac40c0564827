package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static io.claimflow.coding.rules.EncounterCoderTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documented quantities and modifiers are billed as documented and checked; one that cannot be billed holds the
 * encounter with its reason, it is never dropped silently (issue 18).
 */
class DocumentedUnitsAndModifiersTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    /** The project's DFT^P03 sample (ehr-connector dft-p03-office-visit.hl7) as the connector documents it. */
    static Encounters dftSample() {
        return Encounters.office()
                .established(null, null)
                .icd("I10")
                .icd("E11.9")
                .icd("M17.11")
                .procedure(CodeSystem.CPT, "99214", "Office or other outpatient visit, established patient", "1")
                .procedure(CodeSystem.CPT, "83036", "Hemoglobin; glycosylated (A1C)", "1", "QW")
                .procedure(CodeSystem.HCPCS, "J3301", "Injection, triamcinolone acetonide, NOS, 10 mg", "4")
                .procedure(
                        CodeSystem.CPT,
                        "20610",
                        "Arthrocentesis, aspiration and/or injection, major joint",
                        null,
                        "RT");
    }

    @Test
    void theDftSampleComesOutAsJ3301TimesFour20610RtAnd83036Qw() {
        Coding coding = coder.code(dftSample().build());

        assertThat(coding.held()).as("holds %s", coding.holds()).isFalse();
        assertThat(coding.diagnosisCodes()).containsExactly("I10", "E11.9", "M17.11");
        // the visit addressed hypertension and diabetes besides the injected knee: 25
        assertThat(lines(coding)).isEqualTo("99214-25[1, 2, 3] 83036-QW[2] J3301x4[3] 20610-RT[3]");
        assertThat(coding.edits())
                .anyMatch(
                        e -> e.ruleId().equals("UNITS-DOCUMENTED") && e.codes().contains("J3301"));
    }

    @Test
    void aDocumentedDistinctServiceModifierBypassesTheNcciPairWithoutAHold() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("L57.0")
                .icd("L82.1")
                .cpt("17000", "Destruction of actinic keratosis")
                .procedure(CodeSystem.CPT, "11102", "Tangential biopsy of skin", null, "XS")
                .build());

        assertThat(coding.held()).isFalse();
        assertThat(lines(coding)).isEqualTo("17000[1] 11102-XS[1, 2]");
    }

    @Test
    void anUnknownModifierHoldsWithItsReasonAndStaysOnTheSuggestion() {
        Coding coding = coder.code(Encounters.office()
                .established(22, DecisionMaking.LOW)
                .icd("M17.11")
                .procedure(CodeSystem.CPT, "20610", "Injection, right knee joint", null, "ZZ")
                .build());

        assertThat(holds(coding)).contains("MODIFIER-INVALID");
        assertThat(coding.holds()).anyMatch(h -> h.message().contains("ZZ"));
        assertThat(coding.lines())
                .anyMatch(l -> l.code().equals("20610") && l.modifiers().contains("ZZ"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "2.5", "0.4", "250"})
    void anImplausibleDocumentedQuantityHoldsSayingWhy(String quantity) {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .procedure(CodeSystem.HCPCS, "J3301", "Triamcinolone 10 mg", quantity)
                .build());

        assertThat(holds(coding)).contains("UNITS-IMPLAUSIBLE");
        assertThat(coding.holds())
                .anyMatch(h -> h.code().equals("UNITS-IMPLAUSIBLE")
                        && h.message().contains("J3301")
                        && h.message().contains(quantity.replaceFirst("^-", "")));
    }

    @Test
    void aModifierDocumentedWithAnAdministeredDrugStaysOnItsLineAndIsChecked() {
        Coding known = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .cpt("20610", "Injection, right knee joint")
                .item("DRUG", CodeSystem.HCPCS, "J1030", "00009307401", "40", "MILLIGRAM", "XS")
                .build());
        Coding unknown = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .cpt("20610", "Injection, right knee joint")
                .item("DRUG", CodeSystem.HCPCS, "J1030", "00009307401", "40", "MILLIGRAM", "JZ")
                .build());

        assertThat(lines(known)).isEqualTo("20610-RT[1] J1030-XS[1]");
        // JZ is not in the starter modifier set: held with the reason, not dropped
        assertThat(holds(unknown)).contains("MODIFIER-INVALID");
        assertThat(unknown.lines())
                .anyMatch(l -> l.code().equals("J1030") && l.modifiers().contains("JZ"));
    }

    @Test
    void aVisitDocumentedWithTwoUnitsIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("I10")
                .procedure(CodeSystem.CPT, "99213", "Office visit", "2")
                .build());

        assertThat(holds(coding)).contains("UNITS-IMPLAUSIBLE");
    }

    @Test
    void documentedUnitsAboveAnAbsoluteMueAreCappedWithAnEditNotSilently() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .procedure(CodeSystem.CPT, "17110", "Destruction of warts", "3")
                .build());

        assertThat(lines(coding)).startsWith("17110[");
        assertThat(coding.edits())
                .anyMatch(e -> e.type() == EditType.MUE && e.resolution().contains("3 to 1"));
    }

    @Test
    void aDocumentedSideThatContradictsTheTextIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .procedure(CodeSystem.CPT, "20610", "Injection, right knee joint", null, "LT")
                .build());

        assertThat(holds(coding)).contains("MOD-LATERALITY-CONFLICT");
        assertThat(lines(coding)).isEqualTo("20610-LT[1]");
    }

    @Test
    void modifiersAreNormalizedAndSameCodeWithDifferentModifiersStaysOnSeparateLines() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .icd("M17.11")
                .icd("M17.12")
                .procedure(CodeSystem.CPT, "20610", "Injection, knee joint", null, "rt")
                .procedure(CodeSystem.CPT, "20610", "Injection, knee joint", null, "LT")
                .build());

        assertThat(lines(coding)).contains("20610-RT").contains("20610-LT");
    }
}
