package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static io.claimflow.coding.rules.EncounterCoderTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What the independent held-out key found the rules got wrong, each with the rule that decides it. */
class HeldOutFindingsTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    @Test
    void prolongedServicePointsWhereItsVisitPoints() {
        // CPT 99417 extends the office visit it is reported with: the same diagnoses
        Coding coding = coder.code(Encounters.office()
                .established(58, DecisionMaking.HIGH)
                .icd("J44.9")
                .icd("F41.1")
                .build());

        assertThat(lines(coding)).isEqualTo("99215[1, 2] 99417[1, 2]");
    }

    @Test
    void aProblemAddressedAtAPreventiveVisitIsItsOwnVisitWith25() {
        // CPT preventive medicine guidelines: a significant problem needing a problem-oriented E/M is reported too, 25
        Coding coding = coder.code(Encounters.office()
                .preventive()
                .bornOn(LocalDate.of(1980, 5, 2))
                .abnormalFindings(true)
                .established(null, DecisionMaking.LOW)
                .icd("J01.90")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("Z00.01", "J01.90");
        assertThat(lines(coding)).isEqualTo("99396[1] 99213-25[2]");
        assertThat(holds(coding)).isEmpty();
    }

    @Test
    void aWoundRepairIsForTheWoundSoAVisitForHypertensionIsSeparate() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("I10")
                .icd("S61.411", EpisodeOfCare.INITIAL)
                .cpt("12001", "Simple repair of laceration of the hand")
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(lines(coding)).isEqualTo("99214-25[1, 2] 12001[2]");
    }

    @Test
    void feverRoutinelyAssociatedWithPneumoniaIsNotCoded() {
        // I.B.5 and IV.D: signs and symptoms routinely associated with a disease process are not coded
        Coding coding = coder.code(Encounters.office()
                .established(30, DecisionMaking.MODERATE)
                .icd("R50.9")
                .icd("J18.9")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("J18.9");
    }

    @Test
    void chestPainWithHypertensionIsNoRoutineSymptomAndStays() {
        Coding coding = coder.code(Encounters.office()
                .established(30, DecisionMaking.MODERATE)
                .icd("I10")
                .icd("R07.9")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("I10", "R07.9");
    }

    @Test
    void aBmiDocumentedFirstGoesAfterTheWeightDiagnosis() {
        // I.C.21.c.3: BMI is a secondary code reported with its associated diagnosis (obesity)
        Coding coding = coder.code(Encounters.office()
                .established(30, DecisionMaking.MODERATE)
                .icd("Z68.41")
                .icd("E11.9")
                .icd("E66.01")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("E11.9", "E66.01", "Z68.41");
    }
}
