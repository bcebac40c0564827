package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSequencingTest.dx;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DiagnosisPointers}: which diagnoses each line points to. */
class DiagnosisPointersTest {

    static final LocalDate DOS = LocalDate.of(2026, 3, 10);

    final DiagnosisPointers pointers = new DiagnosisPointers(EncounterCoderTest.CODE_SETS);

    static CodedLine line(int number, String code) {
        CodeSystem system = Character.isDigit(code.charAt(0)) ? CodeSystem.CPT : CodeSystem.HCPCS;
        return new CodedLine(number, code, system, code, List.of(), 1, List.of(), null);
    }

    @Test
    void atMostFourFirstPointersAndSupportingDiagnosesInClaimOrder() {
        assertThat(DiagnosisPointers.firstPointers(6)).containsExactly(1, 2, 3, 4);
        assertThat(DiagnosisPointers.firstPointers(2)).containsExactly(1, 2);
        assertThat(DiagnosisPointers.supporting(
                        "83036",
                        dx("I10", "E11.9", "R73.03", "E10.9", "E13.9", "O24.419"),
                        List.of("E1", "R73", "O24")))
                .containsExactly(2, 3, 4, 5);
    }

    @Test
    void aProcedurePointsToItsIndicationsElseToTheFirstDiagnosisWithAnEdit() {
        List<Edit> out = new ArrayList<>();
        List<CodedDiagnosis> diagnoses = dx("I10", "E11.9");
        CodedLine a1c = line(1, "83036");
        CodedLine knee = line(2, "20610");
        CodedLine unlinked = line(3, "36415");
        List<CodedLine> claim = List.of(a1c, knee, unlinked);

        assertThat(pointers.pointersFor(a1c, diagnoses, DOS, out, claim)).containsExactly(2);
        assertThat(pointers.pointersFor(knee, diagnoses, DOS, out, claim)).containsExactly(1);
        assertThat(pointers.pointersFor(unlinked, diagnoses, DOS, out, claim)).containsExactly(1);
        assertThat(out).extracting(Edit::ruleId).containsExactly("DX-POINTER-UNSUPPORTED", "DX-POINTER-DEFAULT");
    }

    @Test
    void anInjectionTakesTheIndicationsOfTheDrugGiven() {
        CodedLine injection = line(2, "96372");
        List<CodedLine> claim = List.of(line(1, "99213"), injection, line(3, "J3301"));

        assertThat(pointers.indications(injection, claim, DOS)).contains("M17");
        assertThat(pointers.pointersFor(injection, dx("I10", "M17.11"), DOS, new ArrayList<>(), claim))
                .containsExactly(2);
    }

    @Test
    void aProblemVisitBesideAPreventiveVisitPointsToTheProblemsAnd99417FollowsIt() {
        List<CodedDiagnosis> diagnoses = dx("Z00.00", "I10", "E11.9");
        CodedLine preventive = line(1, "99396");
        CodedLine problem = line(2, "99213");
        CodedLine prolonged = line(3, "99417");
        List<CodedLine> claim = List.of(preventive, problem, prolonged);

        assertThat(pointers.pointersFor(preventive, diagnoses, DOS, new ArrayList<>(), claim))
                .containsExactly(1);
        assertThat(pointers.pointersFor(problem, diagnoses, DOS, new ArrayList<>(), claim))
                .containsExactly(2, 3);
        assertThat(pointers.pointersFor(prolonged, diagnoses, DOS, new ArrayList<>(), claim))
                .containsExactly(2, 3);
        assertThat(pointers.pointersFor(problem, diagnoses, DOS, new ArrayList<>(), List.of(problem)))
                .containsExactly(1, 2, 3);
    }
}
