package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.codes;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DiagnosisSequencing}: the first-listed diagnosis. */
class DiagnosisSequencingTest {

    final DiagnosisSequencing sequencing = new DiagnosisSequencing(EncounterCoderTest.CODE_SETS);

    static List<CodedDiagnosis> dx(String... codes) {
        return java.util.Arrays.stream(codes).map(c -> new CodedDiagnosis(c, c)).toList();
    }

    @Test
    void aDocumentedExaminationCodeMovesFirst() {
        CodingRun run = new CodingRun(Encounters.office().preventive().build());

        assertThat(codes(sequencing.preventiveExamFirst(run, dx("I10", "Z00.00"))))
                .containsExactly("Z00.00", "I10");
        assertThat(rules(run)).containsExactly("DX-PREVENTIVE-EXAM-FIRST");
    }

    @Test
    void aMissingExaminationCodeIsAddedFromAgeAndDocumentedFindings() {
        CodingRun adultWithFindings = new CodingRun(
                Encounters.office().preventive().abnormalFindings(true).build());
        CodingRun child = new CodingRun(Encounters.office()
                .preventive()
                .bornOn(LocalDate.of(2020, 1, 1))
                .build());

        assertThat(codes(sequencing.preventiveExamFirst(adultWithFindings, dx("E11.9"))))
                .containsExactly("Z00.01", "E11.9");
        assertThat(codes(sequencing.preventiveExamFirst(child, dx()))).containsExactly("Z00.129");
        assertThat(rules(child)).containsExactly("DX-PREVENTIVE-EXAM");
    }

    @Test
    void aBmiDocumentedFirstGoesAfterTheWeightDiagnosisAndDrugUseToTheEnd() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(codes(sequencing.firstListed(run, dx("Z68.41", "Z79.4", "E66.9", "E11.9"))))
                .containsExactly("E66.9", "Z68.41", "E11.9", "Z79.4");
        assertThat(rules(run)).containsExactly("DX-FIRST-SECONDARY-ONLY");
    }

    @Test
    void onlyAdditionalCodesOrAProperFirstDiagnosisStayAsTheyAre() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(codes(sequencing.firstListed(run, dx("Z68.41", "Z79.4")))).containsExactly("Z68.41", "Z79.4");
        assertThat(codes(sequencing.firstListed(run, dx("E66.9", "Z68.41")))).containsExactly("E66.9", "Z68.41");
        assertThat(run.edits()).isEmpty();
    }
}
