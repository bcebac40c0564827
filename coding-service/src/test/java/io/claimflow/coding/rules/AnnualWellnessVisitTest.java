package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static io.claimflow.coding.rules.EncounterCoderTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Medicare annual wellness visits (G0438 initial, G0439 subsequent) in place of the preventive medicine E/M, and the
 * general examination diagnosis from the documented findings (Z00.00 without, Z00.01 with abnormal findings), not
 * from whether any other diagnosis is listed (guideline I.C.21.c.13).
 */
class AnnualWellnessVisitTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    static Encounters medicareWellness(AnnualWellnessVisit visit) {
        return Encounters.office()
                .preventive()
                .established(null, null)
                .medicare()
                .bornOn(LocalDate.of(1953, 4, 9))
                .wellness(visit);
    }

    @Test
    void aSubsequentWellnessVisitIsG0439WithoutAPreventiveEm() {
        Coding coding = coder.code(
                medicareWellness(AnnualWellnessVisit.SUBSEQUENT).icd("I10").build());

        assertThat(coding.held()).as("holds %s", coding.holds()).isFalse();
        assertThat(lines(coding)).isEqualTo("G0439[1]");
        // a chronic condition is not an abnormal finding of the exam
        assertThat(coding.diagnosisCodes()).containsExactly("Z00.00", "I10");
    }

    @Test
    void documentedAbnormalFindingsMakeItZ0001() {
        Coding coding = coder.code(medicareWellness(AnnualWellnessVisit.SUBSEQUENT)
                .abnormalFindings(true)
                .icd("R73.03")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("Z00.01", "R73.03");
        assertThat(lines(coding)).isEqualTo("G0439[1]");
    }

    @Test
    void anInitialWellnessVisitDocumentedAsTheEncounterTypeIsG0438() {
        Coding coding = coder.code(Encounters.office()
                .established(null, null)
                .medicare()
                .bornOn(LocalDate.of(1960, 2, 1))
                .encounterType(CodeSystem.HCPCS, "G0438", "Annual wellness visit, initial")
                .build());

        assertThat(coding.held()).as("holds %s", coding.holds()).isFalse();
        assertThat(lines(coding)).isEqualTo("G0438[1]");
        assertThat(coding.diagnosisCodes()).containsExactly("Z00.00");
    }

    @Test
    void aPreventiveEmDocumentedWithTheWellnessVisitIsTakenOffWithAnEdit() {
        Coding coding = coder.code(medicareWellness(AnnualWellnessVisit.SUBSEQUENT)
                .cpt("99397", "Periodic preventive medicine visit, 65 and older")
                .procedure(CodeSystem.HCPCS, "G0439", "Annual wellness visit, subsequent", null)
                .build());

        assertThat(lines(coding)).isEqualTo("G0439[1]");
        assertThat(coding.edits())
                .anyMatch(e -> e.ruleId().equals("AWV-PREVENTIVE-EM") && "Removed 99397".equals(e.resolution()));
    }

    @Test
    void aProblemVisitOnTheSameDayGets25AndPointsToTheProblems() {
        Coding coding = coder.code(medicareWellness(AnnualWellnessVisit.SUBSEQUENT)
                .established(null, DecisionMaking.LOW)
                .icd("J20.9")
                .build());

        assertThat(coding.held()).as("holds %s", coding.holds()).isFalse();
        assertThat(coding.diagnosisCodes()).containsExactly("Z00.00", "J20.9");
        assertThat(lines(coding)).isEqualTo("G0439[1] 99213-25[2]");
    }

    @Test
    void aWellnessVisitForAPatientWithoutMedicareIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .established(null, null)
                .bornOn(LocalDate.of(1953, 4, 9))
                .wellness(AnnualWellnessVisit.INITIAL)
                .build());

        assertThat(holds(coding)).contains("AWV-NOT-MEDICARE");
    }

    @Test
    void anAdultPreventiveVisitWithAChronicConditionButNoFindingsIsZ0000() {
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .established(null, null)
                .bornOn(LocalDate.of(1980, 5, 2))
                .snomed("55822004", "Hyperlipidemia")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("Z00.00", "E78.5");
        assertThat(lines(coding)).isEqualTo("99396[1, 2]");
    }

    @Test
    void aChildWellVisitWithDocumentedFindingsIsZ00121() {
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .established(null, null)
                .bornOn(LocalDate.of(2018, 5, 2))
                .abnormalFindings(true)
                .icd("H66.91")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("Z00.121", "H66.91");
    }
}
