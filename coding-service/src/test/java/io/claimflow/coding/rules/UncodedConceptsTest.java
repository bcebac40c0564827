package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link UncodedConcepts}: dental and not-reported SNOMED CT concepts. */
class UncodedConceptsTest {

    final UncodedConcepts uncoded = new UncodedConcepts(EncounterCoderTest.CROSSWALK);

    @Test
    void dentalConceptsAreFoundAmongDiagnosesAndProceduresOnce() {
        DocumentedEncounter encounter = Encounters.office()
                .snomed("38341003", "Hypertension")
                .procedure(CodeSystem.SNOMED_CT, "34043003", "Dental consultation and report")
                .snomed("34043003", "Dental consultation and report")
                .build();

        assertThat(uncoded.dental(encounter)).containsExactly("34043003");
    }

    @Test
    void aNotReportedConceptIsSkippedWithItsReasonADentalOneSilentlyAndAnyOtherNot() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(uncoded.skipped(run, "430193006")).isTrue();
        assertThat(run.edits())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("430193006", "Medication reconciliation"));
        assertThat(uncoded.skipped(run, "34043003")).isTrue();
        assertThat(uncoded.skipped(run, "38341003")).isFalse();
        assertThat(run.edits()).hasSize(1);
        assertThat(run.holds()).isEmpty();
    }
}
