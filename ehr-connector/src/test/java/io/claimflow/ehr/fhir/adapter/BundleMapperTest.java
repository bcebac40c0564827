package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.AnnualWellnessVisit;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.EpisodeOfCare;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Procedure modifiers and quantities (ClaimFlow's extensions, or a ChargeItem for the Procedure), the Condition's
 * episode of care and the annual wellness visit reach the documented encounter as data (issue 18).
 */
class BundleMapperTest {

    static final FhirContext FHIR = FhirContext.forR4();

    static String resource(String name) throws Exception {
        try (InputStream in = BundleMapperTest.class.getResourceAsStream("/fhir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static BundleMapper.Result map(String json) {
        return BundleMapper.map("riverside-fm", FHIR.newJsonParser().parseResource(Bundle.class, json));
    }

    @Test
    void modifiersQuantitiesEpisodeAndWellnessVisitAreMapped() throws Exception {
        BundleMapper.Result result = map(resource("documented-details.json"));

        assertThat(result.problems()).isEmpty();
        DocumentedEncounter encounter = result.submissions().get(0).encounter();
        assertThat(encounter.procedures()).extracting(Code::code).containsExactly("20610", "J3301", "83036");
        assertThat(encounter.procedures())
                .extracting(Code::modifiers)
                .containsExactly(List.of("RT"), List.of(), List.of("QW"));
        assertThat(encounter.procedures())
                .extracting(Code::quantity)
                .containsExactly(null, new BigDecimal("4.000"), new BigDecimal("1.000"));
        assertThat(encounter.diagnoses()).extracting(Code::episodeOfCare).containsExactly(EpisodeOfCare.INITIAL);
        assertThat(encounter.annualWellnessVisit()).isEqualTo(AnnualWellnessVisit.SUBSEQUENT);
        assertThat(encounter.abnormalFindings()).isTrue();
    }

    @Test
    void aModifierThatIsNotTwoCharactersIsAProblem() throws Exception {
        BundleMapper.Result result =
                map(resource("documented-details.json").replace("\"valueCode\": \"rt\"", "\"valueCode\": \"right\""));

        assertThat(result.problems())
                .anyMatch(
                        p -> p.location().endsWith(".extension") && p.message().contains("modifier"));
    }

    @Test
    void anUnknownEpisodeOfCareIsAProblem() throws Exception {
        BundleMapper.Result result = map(
                resource("documented-details.json").replace("\"valueCode\": \"initial\"", "\"valueCode\": \"first\""));

        assertThat(result.problems()).anyMatch(p -> p.message().contains("episode of care"));
    }

    @Test
    void withoutTheExtensionsNothingIsInvented() throws Exception {
        DocumentedEncounter encounter =
                map(resource("procedure-laterality.json")).submissions().get(0).encounter();

        assertThat(encounter.procedures()).allMatch(c -> c.modifiers().isEmpty() && c.quantity() == null);
        assertThat(encounter.annualWellnessVisit()).isNull();
        assertThat(encounter.abnormalFindings()).isNull();
    }

    @Test
    void theReasonForTheVisitIsADiagnosisWhereNoConditionSaysIt() throws Exception {
        String json = resource("procedure-laterality.json")
                .replace(
                        "\"period\": {\"start\": \"2026-04-21\"},",
                        "\"period\": {\"start\": \"2026-04-21\"}, \"reasonCode\": ["
                                + "{\"coding\": [{\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"M17.11\"}]},"
                                + "{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"57676002\","
                                + " \"display\": \"Joint pain\"}]},"
                                + "{\"coding\": [{\"system\": \"urn:local\", \"code\": \"X1\"}], \"text\": \"Knee swelling\"}],");

        BundleMapper.Result result = map(json);

        assertThat(result.problems()).isEmpty();
        assertThat(result.submissions().get(0).encounter().diagnoses())
                .extracting(Code::code, Code::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("M17.11", "Unilateral primary osteoarthritis, right knee"),
                        org.assertj.core.groups.Tuple.tuple("57676002", "Joint pain"),
                        org.assertj.core.groups.Tuple.tuple(null, "Knee swelling"));
    }

    @Test
    void aReasonReferenceToAConditionOfNoEncounterIsADiagnosis() throws Exception {
        String json = resource("procedure-laterality.json")
                .replace(
                        "\"period\": {\"start\": \"2026-04-21\"},",
                        "\"period\": {\"start\": \"2026-04-21\"}, "
                                + "\"reasonReference\": [{\"reference\": \"urn:uuid:0b9b7f5c-5a1e-4d8e-8f0e-3c2d1a000007\"}],")
                .replace(
                        "\"encounter\": {\"reference\": \"urn:uuid:0b9b7f5c-5a1e-4d8e-8f0e-3c2d1a000006\"}\n      },\n"
                                + "      \"request\": {\"method\": \"POST\", \"url\": \"Condition\"}",
                        "\"category\": [{\"coding\": [{\"code\": \"problem-list-item\"}]}]\n      },\n"
                                + "      \"request\": {\"method\": \"POST\", \"url\": \"Condition\"}");

        BundleMapper.Result result = map(json);

        assertThat(result.problems()).isEmpty();
        assertThat(result.submissions().get(0).encounter().diagnoses())
                .extracting(Code::code)
                .containsExactly("M17.11");
    }

    @Test
    void aSideCodedOnlyAsALateralityQualifierIsSaidInTheText() throws Exception {
        String json = resource("procedure-laterality.json")
                .replace(
                        "\"bodySite\": [{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"6757004\", "
                                + "\"display\": \"Right knee\"}]}]",
                        "\"bodySite\": [{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"72696002\", "
                                + "\"display\": \"Knee region structure\"}]}, {\"coding\": [{\"system\": "
                                + "\"http://snomed.info/sct\", \"code\": \"7771000\"}]}]");

        Code arthrocentesis =
                map(json).submissions().get(0).encounter().procedures().get(0);

        assertThat(arthrocentesis.code()).isEqualTo("20610");
        assertThat(arthrocentesis.text()).endsWith("(body site: Knee region structure, left)");
    }
}
