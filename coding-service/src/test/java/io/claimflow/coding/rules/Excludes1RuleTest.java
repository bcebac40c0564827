package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static io.claimflow.coding.rules.EncounterCoderTest.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ICD-10-CM I.A.12.a Excludes1: two codes the Tabular List says are never reported together. Where the guidelines
 * themselves settle the pair (a sign or symptom of the definitive diagnosis goes, I.B.4-5; the form "not specified"
 * gives way to the specified one, I.A.9.a), the coder does it and says so; otherwise a person decides, and the hold
 * names both codes.
 */
class Excludes1RuleTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    private Coding code(String... icd) {
        Encounters e = Encounters.office().established(25, DecisionMaking.LOW);
        for (String code : icd) {
            e.icd(code);
        }
        return coder.code(e.build());
    }

    private static java.util.List<String> diagnoses(Coding coding) {
        return coding.diagnoses().stream().map(CodedDiagnosis::code).toList();
    }

    @Test
    void aSymptomOfTheDefinitiveDiagnosisGoes() {
        Coding coding = code("R51.9", "G43.909");

        assertThat(holds(coding)).isEmpty();
        assertThat(diagnoses(coding)).containsExactly("G43.909");
        assertThat(rules(coding)).contains("ICD-EXCLUDES1-SYMPTOM");
    }

    @Test
    void aCoughWithBronchitisIsTheBronchitis() {
        Coding coding = code("J20.9", "R05.9");

        assertThat(holds(coding)).isEmpty();
        assertThat(diagnoses(coding)).containsExactly("J20.9");
    }

    @Test
    void lowBackPainWithTheStrainIsTheStrain() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.LOW)
                .icd("M54.50")
                .icd("S39.012", EpisodeOfCare.INITIAL)
                .build());

        assertThat(holds(coding)).isEmpty();
        assertThat(diagnoses(coding)).containsExactly("S39.012A");
    }

    @Test
    void theFormNotSpecifiedGivesWayToTheSpecifiedOne() {
        Coding coding = code("J40", "J20.9");

        assertThat(holds(coding)).isEmpty();
        assertThat(diagnoses(coding)).containsExactly("J20.9");
        assertThat(rules(coding)).contains("ICD-EXCLUDES1-SPECIFIED");
    }

    @Test
    void twoDefinitiveConditionsAreHeldNamingBothCodes() {
        Coding coding = code("J02.9", "J03.90");

        assertThat(holds(coding)).containsExactly("EXCLUDES1-J02-J03");
        assertThat(coding.holds().get(0).message())
                .contains("J02.9")
                .contains("J03.90")
                .contains("I.A.12.a");
    }

    @Test
    void anAbnormalFindingIsNoSymptomToDrop() {
        Coding coding = code("E11.9", "R73.03");

        assertThat(holds(coding)).containsExactly("EXCLUDES1-R73-E11");
    }
}
