package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 5: a hold says why. A code unknown to the loaded code sets, a code not valid on the date of service,
 * a code that does not fit the patient and a choice no rule makes are different holds with different messages.
 */
class HoldReasonsTest {

    static final LocalDate BEFORE_THE_SETS = InMemoryCodeSets.FROM.minusMonths(3);

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    private static HoldReason hold(Coding coding, String code) {
        return coding.holds().stream()
                .filter(h -> h.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hold " + code + " in " + holds(coding)));
    }

    @Test
    void aCrosswalkTargetMissingFromTheLoadedSetsIsUnknownNotInvalidOnTheDate() {
        Coding coding = coder.code(Encounters.office()
                .established(20, DecisionMaking.LOW)
                .snomed("419474003", "Allergy to mould")
                .build());

        assertThat(hold(coding, "SNOMED-TARGET-UNKNOWN").message())
                .contains("Z88.8")
                .contains("not in the loaded ICD-10-CM code sets")
                .doesNotContain("date of service");
    }

    @Test
    void aCrosswalkTargetOutsideItsDatesIsNotValidOnTheDate() {
        Coding coding = coder.code(Encounters.office()
                .on(BEFORE_THE_SETS)
                .established(20, DecisionMaking.LOW)
                .snomed("195662009", "Acute viral pharyngitis")
                .build());

        assertThat(hold(coding, "SNOMED-TARGET-NOT-VALID-ON-DOS").message())
                .contains("J02.9")
                .contains("not valid on the date of service " + BEFORE_THE_SETS);
    }

    @Test
    void aCrosswalkTargetThatDoesNotFitThePatientSaysSo() {
        Coding coding = coder.code(Encounters.office()
                .established(20, DecisionMaking.LOW)
                .snomed("266569009", "Benign prostatic hyperplasia")
                .build());

        assertThat(hold(coding, "SNOMED-TARGET-PATIENT").message())
                .contains("N40.0")
                .contains("patient's sex");
    }

    @Test
    void aDocumentedProcedureMissingFromTheSetsIsUnknown() {
        Coding coding = coder.code(Encounters.office()
                .established(20, DecisionMaking.LOW)
                .icd("N18.6")
                .cpt("90937", "Hemodialysis, repeated evaluation")
                .build());

        assertThat(hold(coding, "PROC-UNKNOWN").message())
                .contains("90937")
                .contains("not in the loaded CPT/HCPCS code sets")
                .doesNotContain("date of service");
    }

    @Test
    void aProcedureCrosswalkTargetMissingFromTheSetsIsUnknown() {
        Coding coding = coder.code(Encounters.office()
                .established(20, DecisionMaking.LOW)
                .icd("N18.6")
                .procedure(CodeSystem.SNOMED_CT, "1225002", "Upper arm X-ray")
                .build());

        assertThat(hold(coding, "SNOMED-TARGET-UNKNOWN").message())
                .contains("73060")
                .contains("not in the loaded CPT/HCPCS code sets");
    }

    @Test
    void aProcedureOutsideItsDatesIsNotValidOnTheDate() {
        Coding coding = coder.code(Encounters.office()
                .on(BEFORE_THE_SETS)
                .icd("E11.9")
                .procedure(CodeSystem.SNOMED_CT, "43396009", "Hemoglobin A1c")
                .build());

        assertThat(hold(coding, "SNOMED-TARGET-NOT-VALID-ON-DOS").message())
                .contains("83036")
                .contains("not valid on the date of service");
    }

    @Test
    void theVisitCodeMissingOnTheDateSaysTheDate() {
        Coding coding = coder.code(Encounters.office()
                .on(BEFORE_THE_SETS)
                .established(20, DecisionMaking.LOW)
                .icd("I10")
                .build());

        assertThat(holds(coding)).contains("PROC-NOT-VALID-ON-DOS");
        assertThat(hold(coding, "PROC-NOT-VALID-ON-DOS").message()).contains("99213");
    }
}
