package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.holds;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link AdministeredItemLines}: drug and vaccine lines, their units and the administration codes. */
class AdministeredItemLinesTest {

    final ProcedureSelection procedures = new ProcedureSelection(
            EncounterCoderTest.CODE_SETS,
            EncounterCoderTest.CROSSWALK,
            new UncodedConcepts(EncounterCoderTest.CROSSWALK));
    final AdministeredItemLines items =
            new AdministeredItemLines(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK, procedures);

    static String lines(List<DraftLine> drafts) {
        return String.join(
                " ", drafts.stream().map(d -> d.code() + "x" + d.units()).toList());
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "J3301, 40, MILLIGRAM, 4", // 10 mg a unit
        "J3301, 45, MILLIGRAM, 5", // a part unit is a unit
        "J3301, 2, MILLIGRAM, 1",
        "J0696, 1, GRAM, 4", // per 250 mg: grams to milligrams
        "J1030, 80, MILLIGRAM, 2"
    })
    void drugUnitsFollowTheHcpcsDosage(String code, String quantity, String unit, int units) {
        ProcedureCode procedure = EncounterCoderTest.CODE_SETS
                .procedure(code, Encounters.office().build().dateOfService())
                .orElseThrow();
        AdministeredItem item = new AdministeredItem(
                "DRUG", new Documented(CodeSystem.HCPCS, code, code), null, new BigDecimal(quantity), unit);

        assertThat(AdministeredItemLines.units(item, procedure)).contains(units);
    }

    @Test
    void aDoseInAUnitTheDescriptorDoesNotConvertHasNoUnits() {
        ProcedureCode procedure = EncounterCoderTest.CODE_SETS
                .procedure("J3301", Encounters.office().build().dateOfService())
                .orElseThrow();
        AdministeredItem millilitres = new AdministeredItem(
                "DRUG", new Documented(CodeSystem.HCPCS, "J3301", ""), null, new BigDecimal("2"), "MILLILITER");

        assertThat(AdministeredItemLines.units(millilitres, procedure)).isEmpty();
    }

    @Test
    void aDrugWithoutUnitsHoldsAndIsNotBilled() {
        CodingRun run = new CodingRun(Encounters.office()
                .item("DRUG", CodeSystem.HCPCS, "J3301", "00003029305", "2", "MILLILITER")
                .build());

        assertThat(items.lines(run)).isEmpty();
        assertThat(holds(run)).containsExactly("UNITS-UNCLEAR");
    }

    @Test
    void aVaccineWithoutADocumentedAdministrationGetsOne() {
        CodingRun commercial = new CodingRun(Encounters.office()
                .item("VACCINE", CodeSystem.CVX, "140", null, "1", "UNIT")
                .item("VACCINE", CodeSystem.CVX, "08", null, "1", "UNIT")
                .build());
        CodingRun medicare = new CodingRun(Encounters.office()
                .medicare()
                .item("VACCINE", CodeSystem.CVX, "140", null, "1", "UNIT")
                .build());

        assertThat(lines(items.lines(commercial))).isEqualTo("90656x1 90744x1 90471x1 90472x1");
        assertThat(lines(items.lines(medicare))).isEqualTo("90656x1 G0008x1");
        assertThat(rules(medicare)).containsExactly("VACCINE-ADMINISTRATION");
    }

    @Test
    void anRxnormDrugIsBilledPerAdministrationOrNotedAsNotBilled() {
        CodingRun run = new CodingRun(Encounters.office()
                .item("DRUG", CodeSystem.RXNORM, "205923", null, "2", "UNIT") // epoetin: J0885 x4 per administration
                .item("DRUG", CodeSystem.RXNORM, "311034", null, "1", "UNIT") // insulin: not billed
                .build());

        assertThat(lines(items.lines(run))).isEqualTo("J0885x8");
        assertThat(rules(run)).containsExactly("DRUG-RXNORM", "DRUG-NOT-BILLED");
        assertThat(run.holds()).isEmpty();
    }
}
