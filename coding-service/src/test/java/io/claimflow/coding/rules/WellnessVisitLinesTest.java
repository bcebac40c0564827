package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.holds;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WellnessVisitLines}: the Medicare annual wellness visit, where documented and what it replaces. */
class WellnessVisitLinesTest {

    final ProcedureSelection procedures = new ProcedureSelection(
            EncounterCoderTest.CODE_SETS,
            EncounterCoderTest.CROSSWALK,
            new UncodedConcepts(EncounterCoderTest.CROSSWALK));
    final WellnessVisitLines wellness = new WellnessVisitLines(procedures);

    static DraftLine draft(String code) {
        return new DraftLine(code, CodeSystem.HCPCS, code, 1, null, "", null, List.of());
    }

    @Test
    void noneDocumentedIsNone() {
        CodingRun run = new CodingRun(Encounters.office().medicare().build());

        assertThat(wellness.documented(run, List.of(draft("99213")))).isNull();
        assertThat(run.holds()).isEmpty();
    }

    @Test
    void theEncounterTypeOrAProcedureDocumentsIt() {
        CodingRun byType = new CodingRun(Encounters.office()
                .medicare()
                .encounterType(CodeSystem.HCPCS, "G0438", "Initial AWV")
                .build());
        CodingRun byProcedure = new CodingRun(Encounters.office().medicare().build());

        assertThat(wellness.documented(byType, List.of())).isEqualTo(AnnualWellnessVisit.INITIAL);
        assertThat(wellness.documented(byProcedure, List.of(draft("G0439")))).isEqualTo(AnnualWellnessVisit.SUBSEQUENT);
        assertThat(byType.holds()).isEmpty();
    }

    @Test
    void bothVisitsOrAnotherPayerHold() {
        CodingRun both = new CodingRun(Encounters.office()
                .medicare()
                .wellness(AnnualWellnessVisit.INITIAL)
                .build());
        CodingRun commercial = new CodingRun(
                Encounters.office().wellness(AnnualWellnessVisit.SUBSEQUENT).build());

        assertThat(wellness.documented(both, List.of(draft("G0439")))).isEqualTo(AnnualWellnessVisit.INITIAL);
        assertThat(holds(both)).containsExactly("AWV-CONFLICT");
        wellness.documented(commercial, List.of());
        assertThat(holds(commercial)).containsExactly("AWV-NOT-MEDICARE");
    }

    @Test
    void itReplacesAPreventiveMedicineVisitAndIsAddedWhenNotALine() {
        CodingRun run = new CodingRun(Encounters.office().medicare().build());
        List<DraftLine> visit = new ArrayList<>(List.of(draft("99397")));

        List<DraftLine> line = wellness.line(run, AnnualWellnessVisit.SUBSEQUENT, visit, new ArrayList<>());

        assertThat(line).extracting(DraftLine::code).containsExactly("G0439");
        assertThat(visit).isEmpty();
        assertThat(rules(run)).containsExactly("AWV-PREVENTIVE-EM", "AWV");
    }

    @Test
    void aDocumentedWellnessLineMovesOffTheProcedures() {
        CodingRun run = new CodingRun(Encounters.office().medicare().build());
        List<DraftLine> documented = new ArrayList<>(List.of(draft("G0439"), draft("81002")));

        List<DraftLine> line = wellness.line(run, AnnualWellnessVisit.SUBSEQUENT, new ArrayList<>(), documented);

        assertThat(line).extracting(DraftLine::code).containsExactly("G0439");
        assertThat(documented).extracting(DraftLine::code).containsExactly("81002");
        assertThat(run.edits()).isEmpty();
    }
}
