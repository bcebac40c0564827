package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.holds;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ProcedureSelection}: documented procedures to draft lines with their documented units and modifiers. */
class ProcedureSelectionTest {

    final ProcedureSelection procedures = new ProcedureSelection(
            EncounterCoderTest.CODE_SETS,
            EncounterCoderTest.CROSSWALK,
            new UncodedConcepts(EncounterCoderTest.CROSSWALK));

    static Documented quantity(String code, String quantity) {
        return new Documented(CodeSystem.CPT, code, code, List.of(), new BigDecimal(quantity), null);
    }

    @Test
    void aDocumentedVisitGoesToTheVisitAndASecondOneHolds() {
        CodingRun run = new CodingRun(Encounters.office()
                .cpt("99213", "Office visit")
                .procedure(CodeSystem.HCPCS, "J3301", "Triamcinolone 10 mg", "4")
                .procedure(CodeSystem.CPT, "20610", "Arthrocentesis, major joint", null, "RT")
                .cpt("99214", "Office visit")
                .build());
        List<DraftLine> visit = new ArrayList<>();

        List<DraftLine> lines = procedures.documented(run, visit);

        assertThat(visit).extracting(DraftLine::code).containsExactly("99213");
        assertThat(lines).extracting(DraftLine::code).containsExactly("J3301", "20610");
        assertThat(lines.get(0).units()).isEqualTo(4);
        assertThat(lines.get(1).modifiers()).containsExactly("RT");
        assertThat(holds(run)).containsExactly("EM-MULTIPLE");
        assertThat(rules(run)).containsExactly("UNITS-DOCUMENTED", "MOD-DOCUMENTED");
    }

    @ParameterizedTest
    @CsvSource({"J3301, 2.5, false", "J3301, 0, false", "J3301, 100, false", "99213, 2, true"})
    void anImplausibleQuantityHoldsAndKeepsOneUnit(String code, String quantity, boolean visit) {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(procedures.documentedUnits(run, quantity(code, quantity), code, visit))
                .isEqualTo(1);
        assertThat(holds(run)).containsExactly("UNITS-IMPLAUSIBLE");
        assertThat(run.holds().get(0).message())
                .contains(code, visit ? "an E/M visit is one unit" : "a whole number from 1 to 99");
    }

    @Test
    void aWholeQuantityUpTo99IsBilledAsDocumented() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(procedures.documentedUnits(run, quantity("J3301", "99.00"), "J3301", false))
                .isEqualTo(99);
        assertThat(procedures.documentedUnits(run, quantity("99213", "1"), "99213", true))
                .isEqualTo(1);
        assertThat(run.holds()).isEmpty();
    }

    @Test
    void aSnomedProcedureIsCodedThroughTheCrosswalk() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(procedures.fromSnomed(run, "43396009", 1))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("83036"));
        assertThat(procedures.fromSnomed(run, "1234567890", 2)).isEmpty();
        assertThat(holds(run)).containsExactly("SNOMED-UNMAPPED");
    }

    @Test
    void freeTextIsCodedOnlyWhenItEqualsOneDescription() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(procedures.fromText(run, "Immunization administration, one vaccine", 1))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("90471"));
        assertThat(procedures.fromText(run, "a shot of something", 2)).isEmpty();
        assertThat(holds(run)).containsExactly("FREE-TEXT-UNCLEAR");
    }

    @Test
    void aCodeOutsideEveryReleaseIsUnknownAndAnAddedLineNeedsAValidCode() {
        CodingRun run = new CodingRun(Encounters.office().build());

        assertThat(procedures.draft(run, "99214", 1))
                .hasValueSatisfying(d -> assertThat(d.units()).isEqualTo(1));
        assertThat(procedures.draft(run, "00000", 1)).isEmpty();
        assertThat(holds(run)).containsExactly("PROC-UNKNOWN");
    }
}
