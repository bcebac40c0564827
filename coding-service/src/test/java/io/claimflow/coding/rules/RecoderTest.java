package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.config.CrosswalkLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Denials answered by the rules, and those that go to a coder. */
class RecoderTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, CrosswalkLoader.load());
    final Recoder recoder = new Recoder(coder, EncounterCoderTest.CODE_SETS, 1);

    static CodedLine line(int number, String code, List<String> modifiers, List<Integer> pointers) {
        return new CodedLine(number, code, CodeSystem.CPT, null, modifiers, 1, pointers, null);
    }

    static List<HoldReason> reasons(RecodeOutcome outcome) {
        return outcome.toCoder();
    }

    @Test
    void carc11PointsTheDeniedLineToAnotherDocumentedDiagnosis() {
        // CBC has no supporting diagnosis known among bronchitis and anemia? It does: D64 anemia. The claim pointed
        // it to the first-listed bronchitis; the payer said the diagnosis does not support it.
        DocumentedEncounter encounter = Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("J20.9")
                .icd("D64.9")
                .cpt("85025", "Complete blood count")
                .build();
        Coding previous = new Coding(
                List.of(new CodedDiagnosis("J20.9", null), new CodedDiagnosis("D64.9", null)),
                List.of(line(1, "99213", List.of(), List.of(1, 2)), line(2, "85025", List.of(), List.of(1))),
                List.of(),
                List.of());

        RecodeOutcome outcome = recoder.recode(encounter, previous, new Denial(List.of("11"), List.of(2), 1));

        assertThat(outcome.automatic()).isTrue();
        assertThat(outcome.coding().diagnosisCodes()).containsExactly("J20.9", "D64.9");
        assertThat(lines(outcome.coding())).isEqualTo("99213[1, 2] 85025[2]");
        assertThat(outcome.coding().edits()).anyMatch(e -> e.ruleId().equals("RECODE-CARC11"));
    }

    @Test
    void carc11WithoutAnotherDiagnosisGoesToTheCoder() {
        DocumentedEncounter encounter = Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("J20.9")
                .cpt("85025", "Complete blood count")
                .build();
        Coding previous = new Coding(
                List.of(new CodedDiagnosis("J20.9", null)),
                List.of(line(1, "99213", List.of(), List.of(1)), line(2, "85025", List.of(), List.of(1))),
                List.of(),
                List.of());

        RecodeOutcome outcome = recoder.recode(encounter, previous, new Denial(List.of("11"), List.of(2), 1));

        assertThat(outcome.automatic()).isFalse();
        assertThat(reasons(outcome)).extracting(HoldReason::code).containsExactly("RECODE-DX-NONE");
    }

    @Test
    void carc4AddsTheModifier25TheDocumentationSupports() {
        DocumentedEncounter encounter = Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("I10")
                .icd("L57.0")
                .cpt("17000", "Cryodestruction of actinic keratosis")
                .build();
        Coding previous = new Coding(
                List.of(new CodedDiagnosis("I10", null), new CodedDiagnosis("L57.0", null)),
                List.of(line(1, "99214", List.of(), List.of(1, 2)), line(2, "17000", List.of(), List.of(2))),
                List.of(),
                List.of());

        RecodeOutcome outcome = recoder.recode(encounter, previous, new Denial(List.of("4"), List.of(1), 1));

        assertThat(outcome.automatic()).isTrue();
        assertThat(lines(outcome.coding())).isEqualTo("99214-25[1, 2] 17000[2]");
    }

    @Test
    void carc97RemovesALineBundledIntoAnotherWithoutABypassModifier() {
        DocumentedEncounter encounter = Encounters.office()
                .established(null, null)
                .icd("L57.0")
                .cpt("17000", "Destruction of actinic keratosis")
                .cpt("11102", "Biopsy")
                .build();
        Coding previous = new Coding(
                List.of(new CodedDiagnosis("L57.0", null)),
                List.of(line(1, "17000", List.of(), List.of(1)), line(2, "11102", List.of(), List.of(1))),
                List.of(),
                List.of());

        RecodeOutcome outcome = recoder.recode(encounter, previous, new Denial(List.of("97"), List.of(2), 1));

        assertThat(outcome.automatic()).isTrue();
        assertThat(lines(outcome.coding())).isEqualTo("17000[1]");
    }

    @Test
    void carc97AgainstABypassAlreadyClaimedGoesToTheCoder() {
        DocumentedEncounter encounter = Encounters.office()
                .established(null, null)
                .icd("L57.0")
                .cpt("17000", "Destruction")
                .cpt("11102", "Biopsy of a separate lesion")
                .build();
        Coding previous = new Coding(
                List.of(new CodedDiagnosis("L57.0", null)),
                List.of(line(1, "17000", List.of(), List.of(1)), line(2, "11102", List.of("59"), List.of(1))),
                List.of(),
                List.of());

        RecodeOutcome outcome = recoder.recode(encounter, previous, new Denial(List.of("97"), List.of(2), 1));

        assertThat(reasons(outcome)).extracting(HoldReason::code).containsExactly("RECODE-NCCI-BYPASS-REJECTED");
    }

    @Test
    void otherReasonsAndSecondAttemptsGoToTheCoder() {
        DocumentedEncounter encounter = Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("I10")
                .build();
        Coding previous = new Coding(
                List.of(new CodedDiagnosis("I10", null)),
                List.of(line(1, "99213", List.of(), List.of(1))),
                List.of(),
                List.of());

        assertThat(reasons(recoder.recode(encounter, previous, new Denial(List.of("16"), List.of(), 1))))
                .extracting(HoldReason::code)
                .containsExactly("RECODE-CARC");
        assertThat(reasons(recoder.recode(encounter, previous, new Denial(List.of("11"), List.of(), 2))))
                .extracting(HoldReason::code)
                .containsExactly("RECODE-ATTEMPTS");
    }
}
