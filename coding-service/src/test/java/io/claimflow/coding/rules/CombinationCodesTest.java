package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Combination codes and the presumed causal links of the ICD-10-CM guidelines: I.A.15 ("with"), I.C.9.a
 * (hypertension with heart disease and chronic kidney disease) and I.C.4.a (diabetes with its complications).
 */
class CombinationCodesTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    Coding code(String... icd) {
        Encounters documented = Encounters.office().established(25, DecisionMaking.MODERATE);
        for (String code : icd) {
            documented.icd(code);
        }
        return coder.code(documented.build());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                // I.C.9.a.2 hypertension with CKD: I12, the stage as the additional code
                "I10 N18.4; I12.9 N18.4",
                "N18.4 I10; I12.9 N18.4",
                "I10 N18.30; I12.9 N18.30",
                "I10 N18.6 Z99.2; I12.0 N18.6 Z99.2",
                "I10 N18.5; I12.0 N18.5",
                // I.C.9.a.1 hypertension with heart failure / heart disease: I11, the heart failure type additional
                "I10 I50.22; I11.0 I50.22",
                "I10 I51.7; I11.9 I51.7",
                // I.C.9.a.3 both: I13 (the additional codes after it, in their documented order)
                "I10 N18.31 I50.9; I13.0 N18.31 I50.9",
                "I10 I50.32 N18.5; I13.2 I50.32 N18.5",
                "I51.9 I10 N18.32; I51.9 I13.10 N18.32",
                "N18.6 I51.7 I10; I51.7 I13.11 N18.6",
                // I.C.4.a diabetes "with"
                "E11.9 N18.32; E11.22 N18.32",
                "E11.9 G62.9; E11.42",
                "E11.9 R73.9; E11.65",
                "E11.9 I73.9 H26.9; E11.51 E11.36",
                "E11.9 E16.2; E11.649",
                "E11.9 L97.519; E11.621 L97.519",
                // both presumptions in one visit
                "I10 E11.9 N18.4; I12.9 E11.22 N18.4",
                // hypertension alone, diabetes alone: nothing to combine
                "I10 E11.9; I10 E11.9",
                // a documented combination code keeps its own I10 out
                "I12.9 I10 N18.2; I12.9 N18.2"
            })
    void combinationCodeFromTheDocumentedConditions(String documented, String expected) {
        Coding coding = code(documented.split(" "));

        assertThat(coding.holds()).as("holds").isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactlyElementsOf(List.of(expected.split(" ")));
    }

    @Test
    void theCombinationIsExplainedByAnEdit() {
        Coding coding = code("I10", "N18.4");

        assertThat(coding.edits())
                .anyMatch(e -> e.ruleId().equals("ICD-COMBINATION-HTN")
                        && e.message().contains("I.C.9.a.2")
                        && "Coded I12.9 in place of I10".equals(e.resolution()));
    }

    @Test
    void snomedHypertensionWithADocumentedCkdStageIsTheCombinationToo() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .snomed("38341003", "Hypertensive disorder, systemic arterial")
                .icd("N18.4")
                .build());

        assertThat(coding.diagnosisCodes()).containsExactly("I12.9", "N18.4");
    }

    @Test
    void aCombinationCodeWithoutTheAdditionalCodeItAsksForIsHeldSayingWhatIsMissing() {
        Coding coding = code("I12.9");

        assertThat(holds(coding)).containsExactly("ICD-ADDITIONAL-CODE-MISSING");
        assertThat(coding.holds().get(0).message()).contains("I12.9", "N18");
    }

    @Test
    void aCombinationCodeMissingFromTheLoadedSetIsHeldNotReplacedBySeparateCodes() {
        InMemoryCodeSets sets = InMemoryCodeSets.starter();
        sets.icd.removeIf(r -> r.value().code().equals("I12.9"));
        Coding coding = new EncounterCoder(sets, EncounterCoderTest.CROSSWALK)
                .code(Encounters.office()
                        .established(25, DecisionMaking.MODERATE)
                        .icd("I10")
                        .icd("N18.4")
                        .build());

        assertThat(holds(coding)).contains("ICD-COMBINATION-UNAVAILABLE");
    }
}
