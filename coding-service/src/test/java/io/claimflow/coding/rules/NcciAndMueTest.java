package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.holds;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static io.claimflow.coding.rules.LineModifiersTest.codes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NcciAndMue}: NCCI procedure-to-procedure pairs and MUE limits on the numbered lines. */
class NcciAndMueTest {

    final NcciAndMue ncciAndMue = new NcciAndMue(EncounterCoderTest.CODE_SETS);

    static DraftLine draft(String code, int units, String text, String... modifiers) {
        return new DraftLine(code, CodeSystem.CPT, code, units, null, text, null, List.of(modifiers));
    }

    @Test
    void aPairThatCannotBeBypassedLosesItsColumnTwoCode() {
        CodingRun run = new CodingRun(Encounters.office().build());
        List<DraftLine> drafts = List.of(draft("20611", 1, ""), draft("20610", 1, "separate joint"));

        assertThat(codes(ncciAndMue.ncci(run, DraftLine.number(drafts), drafts)))
                .isEqualTo("20610");
        assertThat(rules(run)).containsExactly("NCCI-PTP-20610-20611");
    }

    @Test
    void aSeparateLesionGets59OrXsForMedicareAndAnUndocumentedOneIsHeld() {
        List<DraftLine> separate =
                List.of(draft("17000", 1, "Destruction of AK"), draft("11102", 1, "Biopsy of a separate lesion"));
        List<DraftLine> silent = List.of(draft("17000", 1, "Destruction of AK"), draft("11102", 1, "Biopsy"));
        CodingRun commercial = new CodingRun(Encounters.office().build());
        CodingRun medicare = new CodingRun(Encounters.office().medicare().build());
        CodingRun undocumented = new CodingRun(Encounters.office().build());

        assertThat(codes(ncciAndMue.ncci(commercial, DraftLine.number(separate), separate)))
                .isEqualTo("17000 11102-59");
        assertThat(codes(ncciAndMue.ncci(medicare, DraftLine.number(separate), separate)))
                .isEqualTo("17000 11102-XS");
        assertThat(codes(ncciAndMue.ncci(undocumented, DraftLine.number(silent), silent)))
                .isEqualTo("17000 11102");
        assertThat(holds(undocumented)).containsExactly("NCCI-JUDGEMENT");
    }

    @Test
    void aBypassModifierAlreadyDocumentedIsNotedOnly() {
        CodingRun run = new CodingRun(Encounters.office().build());
        List<DraftLine> drafts = List.of(draft("17000", 1, ""), draft("11102", 1, "", "XS"));

        assertThat(codes(ncciAndMue.ncci(run, DraftLine.number(drafts), drafts)))
                .isEqualTo("17000 11102-XS");
        assertThat(run.edits())
                .singleElement()
                .satisfies(e -> assertThat(e.severity()).isEqualTo(Severity.INFO));
        assertThat(run.holds()).isEmpty();
    }

    @Test
    void unitsAboveAnAbsoluteMueAreCutAcrossLinesAndOthersLeftToTheEdits() {
        CodingRun run = new CodingRun(Encounters.office().build());
        List<DraftLine> drafts = List.of(
                draft("17000", 3, ""), // MUE 1, indicator 2
                draft("17000", 1, "", "RT"),
                draft("96372", 6, "")); // MUE 4, indicator 3: the edits hold it

        List<CodedLine> lines = ncciAndMue.mue(run, DraftLine.number(drafts));

        assertThat(lines)
                .extracting(CodedLine::code, CodedLine::units)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("17000", 1),
                        org.assertj.core.groups.Tuple.tuple("96372", 6));
        assertThat(run.edits())
                .extracting(Edit::resolution)
                .containsExactly("Units reduced from 3 to 1", "Removed the line");
    }
}
