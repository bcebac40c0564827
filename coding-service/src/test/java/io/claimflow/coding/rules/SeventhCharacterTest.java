package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 7th characters and the episode of care (ICD-10-CM guideline I.C.19.a, placeholder X I.A.5): injuries get the
 * character of the documented episode; without one they are held with a reason that names what is missing, never
 * held without saying why.
 */
class SeventhCharacterTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "S93.401, INITIAL, S93.401A",
        "S93.401, SUBSEQUENT, S93.401D",
        "S93.401, SEQUELA, S93.401S",
        // placeholder X up to six characters
        "S13.4, INITIAL, S13.4XXA",
        "S13.4, SUBSEQUENT, S13.4XXD",
        "T14.8, SEQUELA, T14.8XXS",
        "S39.012, SUBSEQUENT, S39.012D",
        // a fracture not documented as open is closed (I.C.19.c.1): A, and D for routine healing
        "S52.501, INITIAL, S52.501A",
        "S52.501, SUBSEQUENT, S52.501D"
    })
    void theDocumentedEpisodeGivesTheSeventhCharacter(String documented, EpisodeOfCare episode, String expected) {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd(documented, episode)
                .build());

        assertThat(coding.holds()).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly(expected);
        assertThat(coding.edits()).anyMatch(e -> e.ruleId().equals("ICD10-SEVENTH-CHARACTER"));
    }

    @Test
    void theEpisodeWrittenInTheTextIsUsedWhenTheFieldIsEmpty() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .dx(CodeSystem.ICD_10_CM, "S93.401", "Sprain of right ankle, subsequent encounter")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("S93.401D");
    }

    @Test
    void withoutAnEpisodeTheHoldSaysWhatIsMissing() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("S93.401")
                .build());

        assertThat(holds(coding)).contains("ICD10-EPISODE-MISSING");
        assertThat(coding.holds().get(0).message())
                .contains("S93.401", "7th character", "initial", "subsequent", "sequela");
    }

    @Test
    void aSnomedInjuryMappedWithoutItsSeventhCharacterGetsItFromTheEpisode() {
        // Synthea maps 44465007 (sprain of ankle) to S93.409 and 39848009 (whiplash) to S13.4XX, without 7th character
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .dx(CodeSystem.SNOMED_CT, "44465007", "Sprain of ankle, initial encounter")
                .dx(CodeSystem.SNOMED_CT, "39848009", "Whiplash injury to neck, subsequent encounter")
                .build());

        assertThat(coding.holds()).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("S93.409A", "S13.4XXD");
    }

    @Test
    void aSnomedInjuryWithoutEpisodeIsHeldForTheEpisode() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .snomed("44465007", "Sprain of ankle")
                .build());

        assertThat(holds(coding)).contains("ICD10-EPISODE-MISSING");
    }

    @Test
    void aDocumentedSeventhCharacterThatContradictsTheDocumentedEpisodeIsHeld() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("S93.401A", EpisodeOfCare.SUBSEQUENT)
                .build());

        assertThat(holds(coding)).containsExactly("ICD10-EPISODE-CONFLICT");
    }

    @Test
    void aCompleteCodeNeedsNoEpisode() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("S39.012A")
                .build());

        assertThat(coding.holds()).isEmpty();
        assertThat(coding.diagnosisCodes()).isEqualTo(List.of("S39.012A"));
    }
}
