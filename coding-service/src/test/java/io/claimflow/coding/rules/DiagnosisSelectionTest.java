package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DiagnosisSelection}: each documented diagnosis to ICD-10-CM codes, or a hold that says why not. */
class DiagnosisSelectionTest {

    final DiagnosisSelection selection = new DiagnosisSelection(
            EncounterCoderTest.CODE_SETS,
            EncounterCoderTest.CROSSWALK,
            new UncodedConcepts(EncounterCoderTest.CROSSWALK));

    static List<String> codes(List<CodedDiagnosis> diagnoses) {
        return diagnoses.stream().map(CodedDiagnosis::code).toList();
    }

    static List<String> holds(CodingRun run) {
        return run.holds().stream().map(HoldReason::code).toList();
    }

    static List<String> rules(CodingRun run) {
        return run.edits().stream().map(Edit::ruleId).toList();
    }

    @Test
    void documentedCodesKeepTheirOrderEachOnceWithTheDotAdded() {
        CodingRun run = new CodingRun(
                Encounters.office().icd("E119").icd("I10").icd("E11.9").build());

        assertThat(codes(selection.resolve(run))).containsExactly("E11.9", "I10");
        assertThat(run.holds()).isEmpty();
    }

    @Test
    void aHeaderHoldsNamingTheBillableCodesUnderIt() {
        CodingRun run = new CodingRun(Encounters.office().icd("E66").build());

        assertThat(selection.resolve(run)).isEmpty();
        assertThat(holds(run)).containsExactly("ICD10-NOT-BILLABLE");
        assertThat(run.holds().get(0).message()).contains("E66.01", "E66.9");
    }

    @Test
    void aCodeNoReleaseHoldsIsUnknownNotOutOfDate() {
        CodingRun run = new CodingRun(Encounters.office().icd("Q99.8").build());

        assertThat(selection.resolve(run)).isEmpty();
        assertThat(holds(run)).containsExactly("ICD10-UNKNOWN");
    }

    @Test
    void aSnomedConceptWithOneTargetIsCodedAndAnUnmappedOneHeld() {
        CodingRun mapped = new CodingRun(
                Encounters.office().snomed("38341003", "Hypertension").build());
        CodingRun unmapped = new CodingRun(
                Encounters.office().snomed("1234567890", "Something").build());

        assertThat(codes(selection.resolve(mapped))).containsExactly("I10");
        assertThat(selection.resolve(unmapped)).isEmpty();
        assertThat(holds(unmapped)).containsExactly("SNOMED-UNMAPPED");
        assertThat(unmapped.holds().get(0).message()).contains("1234567890", "diagnosis 1");
    }

    @Test
    void aNotReportedConceptIsSkippedWithANoteAndNoHold() {
        CodingRun run = new CodingRun(Encounters.office()
                .snomed("160903007", "Full-time employment")
                .icd("I10")
                .build());

        assertThat(codes(selection.resolve(run))).containsExactly("I10");
        assertThat(run.holds()).isEmpty();
        assertThat(rules(run)).containsExactly("SNOMED-NOT-REPORTED");
    }

    @Test
    void freeTextIsCodedOnlyWhenItEqualsADescription() {
        CodingRun exact =
                new CodingRun(Encounters.office().text("Obesity, unspecified").build());
        CodingRun vague =
                new CodingRun(Encounters.office().text("somewhat overweight").build());

        assertThat(codes(selection.resolve(exact))).containsExactly("E66.9");
        assertThat(rules(exact)).containsExactly("FREE-TEXT-MATCH");
        assertThat(selection.resolve(vague)).isEmpty();
        assertThat(holds(vague)).containsExactly("FREE-TEXT-UNCLEAR");
    }

    @Test
    void aPregnancyCodeFitsAWomanOfMaternityAgeOnly() {
        LocalDate born1995 = LocalDate.of(1995, 5, 1);
        CodingRun male =
                new CodingRun(Encounters.office().male().bornOn(born1995).build());
        CodingRun sixtyFour = new CodingRun(Encounters.office().build());
        CodingRun thirty = new CodingRun(Encounters.office().bornOn(born1995).build());

        assertThat(selection.patientConflict(male, "Z34.90"))
                .hasValueSatisfying(why -> assertThat(why).startsWith("the patient's sex: "));
        assertThat(selection.patientConflict(sixtyFour, "Z34.90"))
                .hasValueSatisfying(why -> assertThat(why)
                        .isEqualTo("the patient's age: Supervision of normal pregnancy: maternity ages 12-55"));
        assertThat(selection.patientConflict(thirty, "Z34.90")).isEmpty();
    }

    @Test
    void withoutADiagnosisAGivenVaccineIsTheReasonForTheVisit() {
        CodingRun vaccine = new CodingRun(Encounters.office()
                .item("VACCINE", CodeSystem.CVX, "140", null, "1", "UNIT")
                .build());
        CodingRun nothing = new CodingRun(Encounters.office().build());

        assertThat(codes(selection.reasonForVisit(vaccine))).containsExactly("Z23");
        assertThat(rules(vaccine)).containsExactly("DX-REASON-FROM-ENCOUNTER-TYPE");
        assertThat(selection.reasonForVisit(nothing)).isEmpty();
        assertThat(nothing.edits()).isEmpty();
    }
}
