package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.codeset.IcdOrderFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Etiology/manifestation pairs (code first / use additional code, guideline I.A.13) and crosswalk concepts with
 * several targets, resolved by rules: the result must not depend on how many competing codes are loaded.
 */
class EtiologyAndCrosswalkRulesTest {

    final EncounterCoder coder = new EncounterCoder(EncounterCoderTest.CODE_SETS, EncounterCoderTest.CROSSWALK);

    /** The starter set plus every ICD-10-CM target of the crosswalk, billable: "a full release" for the map. */
    static InMemoryCodeSets everyTargetLoaded() {
        InMemoryCodeSets sets = InMemoryCodeSets.starter();
        Map<String, String> extra = new LinkedHashMap<>();
        for (String concept : List.of(
                "26929004",
                "230265002",
                "368581000119106",
                "235595009",
                "431855005",
                "157141000119108",
                "59621000",
                "1734006")) {
            EncounterCoderTest.CROSSWALK
                    .icdTargets(concept)
                    .forEach(t -> extra.putIfAbsent(IcdCodes.withDot(t.code()), t.description()));
        }
        extra.putAll(Map.of(
                "E11.41",
                "Type 2 diabetes mellitus with diabetic mononeuropathy",
                "G53",
                "Cranial nerve disorders in diseases classified elsewhere",
                "P78.83",
                "Newborn esophageal reflux"));
        extra.forEach((code, description) -> {
            if (!sets.icdKnownOnAnyDate(code) && code.replace(".", "").length() <= 7) {
                sets.addIcd(new IcdOrderFile.Entry(code, true, description, description), InMemoryCodeSets.FROM, null);
            }
        });
        return sets;
    }

    Coding snomed(EncounterCoder with, String concept) {
        return with.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .snomed(concept, concept)
                .build());
    }

    @Test
    void alzheimersDementiaIsTheEtiologyThenTheManifestation() {
        Coding coding = snomed(coder, "26929004");

        assertThat(coding.holds()).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("G30.9", "F02.80");
    }

    @Test
    void aDocumentedManifestationBeforeItsEtiologyIsResequenced() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("F02.80")
                .icd("G30.1")
                .build());

        assertThat(coding.holds()).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("G30.1", "F02.80");
        assertThat(coding.edits()).anyMatch(e -> e.ruleId().equals("ICD-CODE-FIRST"));
    }

    @Test
    void aManifestationWithoutItsEtiologyIsHeldNamingTheRule() {
        Coding coding = coder.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("F02.80")
                .build());

        assertThat(holds(coding)).contains("ICD-CODE-FIRST-MISSING");
        assertThat(coding.holds()).anyMatch(h -> h.message().contains("code first"));
    }

    @Test
    void multiTargetConceptsComeOutTheSameWithEveryCompetingCodeLoaded() {
        EncounterCoder full = new EncounterCoder(everyTargetLoaded(), EncounterCoderTest.CROSSWALK);
        Map<String, List<String>> expected = Map.of(
                "26929004", List.of("G30.9", "F02.80"), // Alzheimer's disease: etiology + manifestation
                "230265002", List.of("G30.0", "F02.80"), // early onset
                "368581000119106", List.of("E11.40"), // neuropathy due to type 2 diabetes: unspecified
                "235595009", List.of("K21.9"), // GERD: the neonatal code does not fit an adult
                "59621000", List.of("I10"));
        expected.forEach((concept, codes) -> {
            Coding starter = snomed(coder, concept);
            Coding loaded = snomed(full, concept);
            assertThat(loaded.holds())
                    .as("holds of %s with every target loaded", concept)
                    .isEmpty();
            assertThat(loaded.diagnosisCodes()).as(concept).containsExactlyElementsOf(codes);
            if (!starter.held()) {
                assertThat(starter.diagnosisCodes())
                        .as(concept + " with the starter set")
                        .containsExactlyElementsOf(codes);
            }
        });
    }

    @Test
    void aCkdStageConceptIsTheStageAndTheCombinationComesFromTheDocumentedConditions() {
        EncounterCoder full = new EncounterCoder(everyTargetLoaded(), EncounterCoderTest.CROSSWALK);
        // 431855005 "chronic kidney disease stage 1 due to hypertension": Synthea maps it to I12.9, E1x.22, I13.10,
        // N18.1 and an adverse effect
        Coding coding = full.code(Encounters.office()
                .established(25, DecisionMaking.MODERATE)
                .icd("I10")
                .snomed("431855005", "CKD stage 1 due to hypertension")
                .build());

        assertThat(coding.holds()).isEmpty();
        assertThat(coding.diagnosisCodes()).containsExactly("I12.9", "N18.1");
    }

    @Test
    void conceptsLeftAmbiguousByEveryRuleAreHeldSayingSo() {
        EncounterCoder full = new EncounterCoder(everyTargetLoaded(), EncounterCoderTest.CROSSWALK);
        // proteinuria due to type 2 diabetes: E11.21 or E11.29, no guideline chooses
        Coding coding = snomed(full, "157141000119108");

        assertThat(holds(coding)).contains("SNOMED-AMBIGUOUS");
        assertThat(coding.holds()).anyMatch(h -> h.message().contains("no guideline chooses"));
    }
}
