package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.holds;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static io.claimflow.coding.rules.DiagnosisSequencingTest.dx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LineModifiers}: the side modifiers and modifier 25. */
class LineModifiersTest {

    final LineModifiers modifiers =
            new LineModifiers(EncounterCoderTest.CODE_SETS, new DiagnosisPointers(EncounterCoderTest.CODE_SETS));

    static DraftLine draft(String code, String side, String... documented) {
        return new DraftLine(code, CodeSystem.CPT, code, 1, side, "", null, List.of(documented));
    }

    static String codes(List<CodedLine> lines) {
        return String.join(
                " ",
                lines.stream()
                        .map(l -> l.code() + (l.modifiers().isEmpty() ? "" : "-" + String.join("-", l.modifiers())))
                        .toList());
    }

    @Test
    void theDocumentedSideIsAppendedToAProcedureThatTakesOne() {
        CodingRun run = new CodingRun(Encounters.office().build());
        List<DraftLine> drafts = List.of(draft("20610", "LT"), draft("83036", "LT"), draft("20610", "50"));

        assertThat(codes(modifiers.laterality(run, DraftLine.number(drafts), drafts)))
                .isEqualTo("20610-LT 83036 20610-50");
        assertThat(rules(run)).containsExactly("MOD-LATERALITY", "MOD-LATERALITY");
        assertThat(run.edits().get(1).message()).endsWith("documented on the both sides");
    }

    @Test
    void aDocumentedSideModifierIsKeptAndHeldWhenTheTextSaysAnotherSide() {
        CodingRun agreeing = new CodingRun(Encounters.office().build());
        CodingRun conflicting = new CodingRun(Encounters.office().build());
        List<DraftLine> same = List.of(draft("20610", "RT", "RT"));
        List<DraftLine> other = List.of(draft("20610", "LT", "RT"));

        assertThat(codes(modifiers.laterality(agreeing, DraftLine.number(same), same)))
                .isEqualTo("20610-RT");
        assertThat(agreeing.holds()).isEmpty();
        assertThat(codes(modifiers.laterality(conflicting, DraftLine.number(other), other)))
                .isEqualTo("20610-RT");
        assertThat(holds(conflicting)).containsExactly("MOD-LATERALITY-CONFLICT");
        assertThat(conflicting.holds().get(0).message()).contains("the left side");
    }

    @Test
    void aVisitForAnotherProblemThanTheProcedureGets25() {
        CodingRun run = new CodingRun(Encounters.office().build());
        List<DraftLine> drafts = List.of(draft("99213", null), draft("20610", null));

        assertThat(codes(modifiers.modifier25(run, DraftLine.number(drafts), dx("I10", "M17.11"))))
                .isEqualTo("99213-25 20610");
        assertThat(rules(run)).containsExactly("MOD-25");
    }

    @Test
    void aVisitOnlyForTheProcedureProblemIsHeldAndAVisitAloneUntouched() {
        CodingRun treated = new CodingRun(Encounters.office().build());
        CodingRun alone = new CodingRun(Encounters.office().build());
        List<DraftLine> withProcedure = List.of(draft("99213", null), draft("20610", null));
        List<DraftLine> visitOnly = List.of(draft("99213", null), draft("83036", null));

        assertThat(codes(modifiers.modifier25(treated, DraftLine.number(withProcedure), dx("M17.11"))))
                .isEqualTo("99213 20610");
        assertThat(holds(treated)).containsExactly("MOD25-JUDGEMENT");
        assertThat(codes(modifiers.modifier25(alone, DraftLine.number(visitOnly), dx("E11.9"))))
                .isEqualTo("99213 83036");
        assertThat(alone.holds()).isEmpty();
        assertThat(alone.edits()).isEmpty();
    }
}
