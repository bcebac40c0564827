package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.Fixtures.context;
import static io.claimflow.ehr.fhir.adapter.Fixtures.encounter;
import static io.claimflow.ehr.fhir.adapter.Fixtures.found;
import static io.claimflow.ehr.fhir.adapter.Fixtures.ref;
import static io.claimflow.ehr.fhir.adapter.Fixtures.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.CodeSystem;
import io.claimflow.ehr.intake.DocumentedEncounter.EpisodeOfCare;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The encounter's diagnoses in order, refuted ones left out, with their episode of care. */
class DiagnosesTest {

    @Test
    void rankedDiagnosesComeFirstThenConditionsOfTheEncounterThenReasons() {
        Encounter visit = encounter("e1");
        Condition sprain = icd("c1", "S93.401A", visit);
        Condition hypertension = icd("c2", "I10", null);
        Condition diabetes = icd("c3", "E11.9", visit);
        Condition refuted = icd("c4", "J18.9", visit);
        refuted.getVerificationStatus().addCoding().setCode("refuted");
        visit.addDiagnosis().setCondition(ref(hypertension)).setRank(2);
        visit.addDiagnosis().setCondition(ref(sprain)).setRank(1);
        visit.addReasonCode(new CodeableConcept().setText("Twisted ankle on stairs"));
        visit.addReasonCode(concept(FhirTerms.ICD_10_CM, "E11.9"));
        MappingContext context = context(visit, sprain, hypertension, diabetes, refuted);

        List<Code> diagnoses = new Diagnoses(context).of(visit, false);

        assertThat(context.problems()).isEmpty();
        assertThat(diagnoses).extracting(Code::code).containsExactly("S93.401A", "I10", "E11.9", null);
        assertThat(diagnoses.get(3)).isEqualTo(new Code(CodeSystem.NONE, null, "Twisted ankle on stairs"));
        assertThat(context.refs().isUsed(refuted)).isTrue();
    }

    @Test
    void aSnomedDiagnosisIsInitialWhereItWasRecordedAndSubsequentWhenRecordedAtAnotherVisit() {
        Encounter first = encounter("e1");
        Encounter followUp = encounter("e2");
        Condition fracture = snomed("c1", "263204007", first);
        followUp.addReasonCode(concept(FhirTerms.SNOMED_CT, "263204007"));
        Condition documented = snomed("c2", "44465007", followUp);
        documented.addExtension(FhirTerms.EXT_EPISODE_OF_CARE, new CodeType("sequela"));
        MappingContext context = context(first, followUp, fracture, documented);
        Diagnoses diagnoses = new Diagnoses(context);

        assertThat(diagnoses.of(first, false)).extracting(Code::episodeOfCare).containsExactly(EpisodeOfCare.INITIAL);
        assertThat(diagnoses.of(followUp, false))
                .extracting(Code::code, Code::episodeOfCare)
                .containsExactly(
                        tuple("44465007", EpisodeOfCare.SEQUELA), tuple("263204007", EpisodeOfCare.SUBSEQUENT));
    }

    @Test
    void inABundleOfOneEncounterConditionsWithoutAnEncounterAreItsButNotProblemListItems() {
        Encounter visit = encounter("e1");
        Condition unlinked = icd("c1", "J02.9", null);
        Condition problemListItem = icd("c2", "E78.5", null);
        problemListItem.addCategory().addCoding().setCode("problem-list-item");
        MappingContext context = context(visit, unlinked, problemListItem);
        Diagnoses diagnoses = new Diagnoses(context);

        assertThat(diagnoses.of(visit, true)).extracting(Code::code).containsExactly("J02.9");
        assertThat(diagnoses.of(visit, false)).isEmpty();
    }

    @Test
    void anUnresolvedDiagnosisOrAConditionWithoutCodeIsAProblem() {
        Encounter visit = encounter("e1");
        visit.addDiagnosis().setCondition(new Reference("Condition/elsewhere"));
        Condition uncoded = withId(new Condition(), "c1");
        uncoded.setEncounter(ref(visit));
        Condition badEpisode = icd("c2", "S52.501A", visit);
        badEpisode.addExtension(FhirTerms.EXT_EPISODE_OF_CARE, new CodeType("first"));
        MappingContext context = context(visit, uncoded, badEpisode);

        new Diagnoses(context).of(visit, false);

        assertThat(found(context.problems()))
                .containsExactly(
                        "Bundle.entry[0].resource.diagnosis[0].condition UNRESOLVED_REFERENCE",
                        "Bundle.entry[1].resource.code REQUIRED",
                        "Bundle.entry[2].resource.extension INVALID");
    }

    static Condition icd(String id, String code, Encounter encounter) {
        return condition(id, FhirTerms.ICD_10_CM, code, encounter);
    }

    static Condition snomed(String id, String code, Encounter encounter) {
        return condition(id, FhirTerms.SNOMED_CT, code, encounter);
    }

    private static Condition condition(String id, String system, String code, Encounter encounter) {
        Condition condition = withId(new Condition(), id);
        condition.setCode(concept(system, code));
        if (encounter != null) {
            condition.setEncounter(ref(encounter));
        }
        return condition;
    }

    static CodeableConcept concept(String system, String code) {
        CodeableConcept concept = new CodeableConcept();
        concept.addCoding().setSystem(system).setCode(code).setDisplay("display of " + code);
        return concept;
    }
}
