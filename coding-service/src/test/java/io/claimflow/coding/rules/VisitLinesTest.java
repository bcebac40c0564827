package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.DiagnosisSelectionTest.holds;
import static io.claimflow.coding.rules.DiagnosisSelectionTest.rules;
import static io.claimflow.coding.rules.DiagnosisSequencingTest.dx;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VisitLines}: the E/M line by setting, level and status, or why there is none. */
class VisitLinesTest {

    final VisitLines visits = new VisitLines(new ProcedureSelection(
            EncounterCoderTest.CODE_SETS,
            EncounterCoderTest.CROSSWALK,
            new UncodedConcepts(EncounterCoderTest.CROSSWALK)));

    static String codes(List<DraftLine> lines) {
        return String.join(
                " ",
                lines.stream()
                        .map(d -> d.code() + (d.units() == 1 ? "" : "x" + d.units()))
                        .toList());
    }

    @Test
    void anOfficeVisitByTimeWithProlongedServiceExceptForMedicare() {
        CodingRun commercial = new CodingRun(
                Encounters.office().established(70, DecisionMaking.LOW).build());
        CodingRun medicare = new CodingRun(Encounters.office()
                .established(70, DecisionMaking.LOW)
                .medicare()
                .build());

        assertThat(codes(visits.lines(commercial, false, false, dx("I10"))))
                .isEqualTo("99215 99417x2"); // 55 and 70 minutes: two units
        assertThat(codes(visits.lines(medicare, false, false, dx("I10")))).isEqualTo("99215");
        assertThat(rules(medicare)).containsExactly("EM-LEVEL", "EM-PROLONGED-MEDICARE");
    }

    @Test
    void withoutMdmOrTimeTheLevelIsNeverAboveLow() {
        CodingRun problems =
                new CodingRun(Encounters.office().established(null, null).build());
        CodingRun screening =
                new CodingRun(Encounters.office().established(null, null).build());

        assertThat(codes(visits.lines(problems, false, false, dx("I10", "E11.9", "J20.9"))))
                .isEqualTo("99213");
        assertThat(codes(visits.lines(screening, false, false, dx("Z13.1")))).isEqualTo("99212");
        assertThat(rules(problems)).containsExactly("EM-LEVEL-DEFAULT", "EM-LEVEL");
    }

    @Test
    void aPreventiveVisitByAgeWithAProblemVisitWhenMdmIsDocumented() {
        CodingRun plain = new CodingRun(Encounters.office().preventive().build());
        CodingRun withProblem = new CodingRun(Encounters.office()
                .preventive()
                .established(null, DecisionMaking.LOW)
                .build());
        CodingRun unknown = new CodingRun(
                Encounters.office().preventive().status(PatientStatus.UNKNOWN).build());

        assertThat(codes(visits.lines(plain, true, false, dx("Z00.00")))).isEqualTo("99396");
        assertThat(codes(visits.lines(withProblem, true, false, dx("Z00.00", "I10"))))
                .isEqualTo("99396 99213");
        assertThat(visits.lines(unknown, true, false, dx())).isEmpty();
        assertThat(holds(unknown)).containsExactly("EM-STATUS-UNKNOWN");
    }

    @Test
    void anEmergencyVisitByMdmAndAnInpatientVisitHeld() {
        CodingRun emergency = new CodingRun(Encounters.office()
                .setting("EMERGENCY", "23")
                .established(null, DecisionMaking.MODERATE)
                .build());
        CodingRun inpatient =
                new CodingRun(Encounters.office().setting("INPATIENT", "21").build());

        assertThat(codes(visits.lines(emergency, false, false, dx("J20.9")))).isEqualTo("99284");
        assertThat(visits.lines(inpatient, false, false, dx("J20.9"))).isEmpty();
        assertThat(holds(inpatient)).containsExactly("EM-INPATIENT");
    }

    @Test
    void aNurseVisitForOtherServicesHasNoVisitLineAndSaysWhy() {
        CodingRun nurse = new CodingRun(Encounters.office()
                .established(null, null)
                .type("185349003", "Encounter for check up")
                .build());

        assertThat(visits.lines(nurse, false, true, dx("Z23"))).isEmpty();
        assertThat(rules(nurse)).containsExactly("EM-NOT-CODED");
        assertThat(nurse.holds()).isEmpty();
    }

    @Test
    void aPostoperativeVisitInsideTheGlobalPeriodIs99024() {
        CodingRun run = new CodingRun(Encounters.office()
                .type("439740005", "Postoperative follow-up visit")
                .prior(new PriorServices(false, null, "27447", LocalDate.of(2026, 2, 1)))
                .build());

        assertThat(codes(visits.lines(run, false, false, dx("Z48.812")))).isEqualTo("99024");
        assertThat(rules(run)).containsExactly("EM-POSTOP-GLOBAL");
    }
}
