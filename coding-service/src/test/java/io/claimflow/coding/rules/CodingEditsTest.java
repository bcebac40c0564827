package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edits a coder's finalized coding must pass. */
class CodingEditsTest {

    final CodingEdits edits = new CodingEdits(EncounterCoderTest.CODE_SETS);
    final DocumentedEncounter adult =
            Encounters.office().established(25, DecisionMaking.LOW).icd("I10").build();

    static CodedLine line(int number, String code, List<String> modifiers, int units, List<Integer> pointers) {
        return new CodedLine(number, code, CodeSystem.CPT, null, modifiers, units, pointers, null);
    }

    static List<String> errors(List<Edit> edits) {
        return edits.stream().filter(Edit::blocking).map(Edit::ruleId).toList();
    }

    @Test
    void validCodingPasses() {
        List<Edit> found = edits.check(
                adult, List.of(new CodedDiagnosis("I10", null)), List.of(line(1, "99213", List.of(), 1, List.of(1))));

        assertThat(errors(found)).isEmpty();
    }

    @Test
    void lineWithoutPointerAndPointerOutOfRange() {
        List<Edit> found = edits.check(
                adult,
                List.of(new CodedDiagnosis("I10", null)),
                List.of(line(1, "99213", List.of(), 1, List.of()), line(2, "93000", List.of(), 1, List.of(2))));

        assertThat(errors(found)).containsExactly("DX-POINTER-MISSING", "DX-POINTER-RANGE");
        assertThat(found.get(0).type()).isEqualTo(EditType.DIAGNOSIS_POINTER);
    }

    @Test
    void unknownCodesModifiersAndUnits() {
        List<Edit> found = edits.check(
                adult,
                List.of(new CodedDiagnosis("X99.9", null)),
                List.of(line(1, "99999", List.of("ZZ"), 0, List.of(1))));

        assertThat(errors(found)).containsExactly("ICD10-UNKNOWN", "PROC-UNKNOWN", "UNITS-INVALID", "MODIFIER-INVALID");
    }

    @Test
    void ncciPairNeedsItsBypassModifier() {
        List<CodedDiagnosis> dx = List.of(new CodedDiagnosis("I10", null), new CodedDiagnosis("L57.0", null));

        List<Edit> without = edits.check(
                adult,
                dx,
                List.of(line(1, "99214", List.of(), 1, List.of(1)), line(2, "17000", List.of(), 1, List.of(2))));
        List<Edit> with = edits.check(
                adult,
                dx,
                List.of(line(1, "99214", List.of("25"), 1, List.of(1)), line(2, "17000", List.of(), 1, List.of(2))));

        assertThat(errors(without)).containsExactly("NCCI-PTP-17000-99214");
        assertThat(errors(with)).isEmpty();
    }

    @Test
    void preventiveCodeOutsideTheAgeBand() {
        // 44 years old: 99396 (40-64), not 99395 (18-39)
        List<Edit> found = edits.check(
                Encounters.office().bornOn(LocalDate.of(1981, 6, 1)).build(),
                List.of(new CodedDiagnosis("Z00.00", null)),
                List.of(line(1, "99395", List.of(), 1, List.of(1))));

        assertThat(errors(found)).containsExactly("AGE-99395");
        assertThat(found.get(0).type()).isEqualTo(EditType.AGE_CONFLICT);
    }

    @Test
    void mueOverTheLimitAndSecondaryOnlyFirstListed() {
        List<Edit> found = edits.check(
                adult,
                List.of(new CodedDiagnosis("Z79.4", null), new CodedDiagnosis("E11.9", null)),
                List.of(line(1, "83036", List.of(), 3, List.of(2))));

        assertThat(errors(found)).containsExactly("MUE-83036", "DX-FIRST-SECONDARY-ONLY");
    }
}
