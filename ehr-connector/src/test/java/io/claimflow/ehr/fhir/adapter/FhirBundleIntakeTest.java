package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.claimflow.ehr.PublishedEvents;
import io.claimflow.events.AdministrativeSex;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.Coverage;
import io.claimflow.events.DocumentedCode;
import io.claimflow.events.EncounterClass;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.MedicalDecisionMaking;
import io.claimflow.events.NewOrEstablished;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.ProviderEntityType;
import io.claimflow.events.SubscriberRelationship;
import io.claimflow.events.TaxIdType;
import io.claimflow.events.UnitOfMeasure;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * US Core style bundles over HTTP into EncounterDocumented on the topic (real Kafka, registry and PostgreSQL), read
 * back with the Confluent wire-format deserializer and compared field by field with what the bundle says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class FhirBundleIntakeTest {

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhir;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "demo-admin"))
                .build();
    }

    @Test
    void anOfficeVisitWithSnomedConditionsBecomesOneEncounterDocumented() {
        String encounterId = "office-" + UUID.randomUUID();

        ResponseEntity<Map<String, Object>> response =
                postJson("/fhir", bundle("office-visit-snomed.json", encounterId));

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> published = encounters(response).get(0);
        assertThat(published)
                .containsEntry("encounterId", encounterId)
                .containsEntry("version", "1")
                .containsEntry("outcome", "PUBLISHED");

        EncounterDocumented event = PublishedEvents.awaitExactly(encounterId, 1).get(0);
        assertThat(event.getEventId()).isEqualTo(published.get("eventId"));
        assertThat(event.getEncounterId()).isEqualTo(encounterId);
        assertThat(event.getCausationId()).isNull();
        assertThat(event.getTenantId()).isEqualTo("riverside-fm");
        // Patient: identifier of type MR, official name, birth date, gender, home address (ZIP without hyphen)
        assertThat(event.getPatient().getMrn()).isEqualTo("RFM-0048213");
        assertThat(event.getPatient().getLastName()).isEqualTo("Whitfield");
        assertThat(event.getPatient().getFirstName()).isEqualTo("Eleanor");
        assertThat(event.getPatient().getMiddleName()).isEqualTo("J");
        assertThat(event.getPatient().getNameSuffix()).isNull();
        assertThat(event.getPatient().getBirthDate()).isEqualTo(LocalDate.of(1961, 7, 22));
        assertThat(event.getPatient().getSex()).isEqualTo(AdministrativeSex.FEMALE);
        assertThat(event.getPatient().getAddress().getLine1()).isEqualTo("418 Maple Ridge Dr");
        assertThat(event.getPatient().getAddress().getLine2()).isEqualTo("Apt 2B");
        assertThat(event.getPatient().getAddress().getCity()).isEqualTo("Columbus");
        assertThat(event.getPatient().getAddress().getState()).isEqualTo("OH");
        assertThat(event.getPatient().getAddress().getPostalCode()).isEqualTo("432141032");
        // Coverage
        assertThat(event.getCoverages()).hasSize(1);
        Coverage coverage = event.getCoverages().get(0);
        assertThat(coverage.getResponsibility()).isEqualTo(PayerResponsibility.PRIMARY);
        assertThat(coverage.getPayer().getPayerId()).isEqualTo("BKHP1");
        assertThat(coverage.getPayer().getName()).isEqualTo("Buckeye Health Plan");
        assertThat(coverage.getSubscriber().getMemberId()).isEqualTo("BHP884120337");
        assertThat(coverage.getSubscriber().getLastName()).isEqualTo("Whitfield");
        assertThat(coverage.getSubscriber().getBirthDate()).isEqualTo(LocalDate.of(1961, 7, 22));
        assertThat(coverage.getSubscriber().getAddress()).isNull();
        assertThat(coverage.getRelationshipToSubscriber()).isEqualTo(SubscriberRelationship.SELF);
        assertThat(coverage.getGroupNumber()).isEqualTo("GRP20417");
        assertThat(coverage.getGroupName()).isEqualTo("Columbus Metro Schools");
        assertThat(coverage.getClaimFilingIndicator()).isEqualTo("CI");
        // Providers: serviceProvider is billing; the PPRF participant (a PractitionerRole) renders
        var billing = event.getProviders().getBilling();
        assertThat(billing.getNpi()).isEqualTo("1847362914");
        assertThat(billing.getEntityType()).isEqualTo(ProviderEntityType.ORGANIZATION);
        assertThat(billing.getLastOrOrganizationName()).isEqualTo("Riverside Family Medicine LLC");
        assertThat(billing.getTaxId()).isEqualTo("311234567");
        assertThat(billing.getTaxIdType()).isEqualTo(TaxIdType.EIN);
        assertThat(billing.getAddress().getPostalCode()).isEqualTo("432211234");
        var rendering = event.getProviders().getRendering();
        assertThat(rendering.getNpi()).isEqualTo("1293847566");
        assertThat(rendering.getEntityType()).isEqualTo(ProviderEntityType.PERSON);
        assertThat(rendering.getLastOrOrganizationName()).isEqualTo("Raman");
        assertThat(rendering.getFirstName()).isEqualTo("Priya");
        assertThat(rendering.getTaxonomyCode()).isEqualTo("207Q00000X");
        assertThat(event.getProviders().getReferring()).isNull();
        // Place, date, class, type
        assertThat(event.getFacility().getFacilityId()).isEqualTo("RFM-MAIN");
        assertThat(event.getFacility().getName()).isEqualTo("Riverside Family Medicine - Main Clinic");
        assertThat(event.getPlaceOfService()).isEqualTo("11");
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(event.getEncounterClass()).isEqualTo(EncounterClass.AMBULATORY);
        assertThat(event.getEncounterType()).isEqualTo(code(CodeSystem.CPT, "99214", "Follow-up encounter"));
        assertThat(event.getPatientStatus()).isEqualTo(NewOrEstablished.ESTABLISHED);
        assertThat(event.getTotalTimeMinutes()).isEqualTo(32);
        assertThat(event.getMedicalDecisionMaking()).isEqualTo(MedicalDecisionMaking.MODERATE);
        // Diagnoses in Encounter.diagnosis rank order; the local coding beside SNOMED CT is passed over; recorded at
        // this encounter (Condition.encounter), so this is their initial encounter (no episode extension documented)
        assertThat(event.getDiagnoses())
                .containsExactly(
                        initial(code(CodeSystem.SNOMED_CT, "38341003", "Hypertensive disorder, systemic arterial")),
                        initial(code(CodeSystem.SNOMED_CT, "44054006", "Diabetes mellitus type 2")));
        assertThat(event.getProcedures())
                .containsExactly(code(CodeSystem.SNOMED_CT, "43396009", "Hemoglobin A1c measurement, point of care"));
        assertThat(event.getAdministeredItems()).isEmpty();
        assertThat(event.getPriorAuthorizationNumber()).isNull();
        assertThat(event.getClinicalNote())
                .isEqualTo("Follow-up of hypertension and type 2 diabetes. Total time 32 minutes.");
    }

    @Test
    void theSameBundleTwicePublishesOnceAndANewVersionIsACorrection() {
        String encounterId = "office-twice-" + UUID.randomUUID();
        String bundle = bundle("office-visit-snomed.json", encounterId);

        Map<String, Object> first = encounters(postJson("/fhir", bundle)).get(0);
        ResponseEntity<Map<String, Object>> again = postJson("/fhir", bundle);

        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(encounters(again).get(0))
                .containsEntry("outcome", "ALREADY_PUBLISHED")
                .containsEntry("eventId", first.get("eventId"));
        assertThat(PublishedEvents.awaitExactly(encounterId, 1)).hasSize(1);

        Map<String, Object> corrected = encounters(
                        postJson("/fhir", bundle.replace("\"versionId\": \"1\"", "\"versionId\": \"2\"")))
                .get(0);

        assertThat(corrected)
                .containsEntry("outcome", "CORRECTION")
                .containsEntry("version", "2")
                .containsEntry("causationId", first.get("eventId"));
        List<EncounterDocumented> events = PublishedEvents.awaitExactly(encounterId, 2);
        assertThat(events)
                .extracting(EncounterDocumented::getEventId)
                .containsExactly((String) first.get("eventId"), (String) corrected.get("eventId"));
        assertThat(events.get(1).getCausationId()).isEqualTo(first.get("eventId"));
        assertThat(events.get(1).getEncounterId()).isEqualTo(encounterId);
    }

    @Test
    void aPreventiveVisitPrefersIcd10AndSkipsProblemListAndProceduresNotDone() {
        String encounterId = "preventive-" + UUID.randomUUID();
        String bundle = bundle("preventive-visit.json", encounterId);

        Map<String, Object> published =
                encounters(postJson("/fhir/Bundle", bundle)).get(0);

        // no meta.versionId: the version is a digest of what was read, so the same bundle again is the same version
        assertThat((String) published.get("version")).startsWith("sha256:");
        assertThat(encounters(postJson("/fhir/Bundle", bundle)).get(0)).containsEntry("outcome", "ALREADY_PUBLISHED");
        EncounterDocumented event = PublishedEvents.awaitExactly(encounterId, 1).get(0);
        assertThat(event.getPatient().getMrn()).isEqualTo("MRN-7731");
        assertThat(event.getPatient().getNameSuffix()).isEqualTo("Jr");
        assertThat(event.getPatient().getSex()).isEqualTo(AdministrativeSex.MALE);
        assertThat(event.getPatient().getAddress().getLine2()).isNull();
        assertThat(event.getCoverages()).isEmpty();
        assertThat(event.getProviders().getBilling().getNpi()).isEqualTo("1558444216");
        assertThat(event.getProviders().getRendering().getNpi()).isEqualTo("1679576722");
        assertThat(event.getProviders().getRendering().getTaxonomyCode()).isEqualTo("207R00000X");
        assertThat(event.getFacility()).isNull();
        assertThat(event.getPlaceOfService()).isEqualTo("11");
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(event.getEncounterType())
                .isEqualTo(code(
                        CodeSystem.CPT, "99386", "Initial comprehensive preventive medicine evaluation, 40-64 years"));
        assertThat(event.getPatientStatus()).isEqualTo(NewOrEstablished.NEW);
        assertThat(event.getTotalTimeMinutes()).isNull();
        assertThat(event.getMedicalDecisionMaking()).isNull();
        assertThat(event.getDiagnoses())
                .containsExactly(code(
                        CodeSystem.ICD_10_CM,
                        "Z00.00",
                        "Encounter for general adult medical examination without abnormal findings"));
        assertThat(event.getProcedures())
                .containsExactly(code(CodeSystem.HCPCS, "G0444", "Annual depression screening, 5 to 15 minutes"));
        assertThat(event.getClinicalNote()).isNull();
    }

    @Test
    void aProcedureKeepsItsLateralityAndTheDrugItsNdcAndDose() {
        String encounterId = "laterality-" + UUID.randomUUID();

        Map<String, Object> published = encounters(postJson("/fhir", bundle("procedure-laterality.json", encounterId)))
                .get(0);

        assertThat(published).containsEntry("version", "3");
        EncounterDocumented event = PublishedEvents.awaitExactly(encounterId, 1).get(0);
        assertThat(event.getProcedures())
                .containsExactly(code(
                        CodeSystem.CPT,
                        "20610",
                        "Arthrocentesis, aspiration and/or injection, major joint or bursa (body site: Right knee)"));
        assertThat(event.getDiagnoses())
                .containsExactly(code(CodeSystem.ICD_10_CM, "M17.11", "Unilateral primary osteoarthritis, right knee"));
        assertThat(event.getAdministeredItems()).hasSize(1);
        var item = event.getAdministeredItems().get(0);
        assertThat(item.getCode()).isEqualTo(code(CodeSystem.HCPCS, "J3301", "Triamcinolone acetonide 40 mg"));
        assertThat(item.getNdc()).isEqualTo("00003029305");
        assertThat(item.getQuantity()).isEqualByComparingTo(new BigDecimal("40"));
        assertThat(item.getUnit()).isEqualTo(UnitOfMeasure.MILLIGRAM);
        assertThat(event.getProviders().getRendering().getLastOrOrganizationName())
                .isEqualTo("Castellanos");
        assertThat(event.getProviders().getRendering().getTaxonomyCode()).isEqualTo("207X00000X");
        assertThat(event.getProviders().getReferring().getNpi()).isEqualTo("1093817447");
        assertThat(event.getProviders().getReferring().getLastOrOrganizationName())
                .isEqualTo("Osei");
        assertThat(event.getPriorAuthorizationNumber()).isEqualTo("PA-88412");
        assertThat(event.getReferralNumber()).isEqualTo("REF-2026-0091");
        assertThat(event.getTotalTimeMinutes()).isEqualTo(25);
        assertThat(event.getPatientStatus()).isEqualTo(NewOrEstablished.ESTABLISHED);
        assertThat(event.getEncounterType())
                .isEqualTo(code(CodeSystem.CPT, "99213", "Office visit, established patient"));
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 4, 21));
        assertThat(event.getCoverages()).isEmpty();
    }

    @Test
    void twoCoveragesComeInCoverageOrderWithTheSpouseAsSubscriber() {
        String encounterId = "two-coverages-" + UUID.randomUUID();

        postJson("/fhir/Bundle", bundle("two-coverages.json", encounterId));

        EncounterDocumented event = PublishedEvents.awaitExactly(encounterId, 1).get(0);
        assertThat(event.getCoverages()).hasSize(2);
        Coverage primary = event.getCoverages().get(0);
        assertThat(primary.getResponsibility()).isEqualTo(PayerResponsibility.PRIMARY);
        assertThat(primary.getPayer().getPayerId()).isEqualTo("60054");
        assertThat(primary.getPayer().getName()).isEqualTo("Aetna");
        assertThat(primary.getRelationshipToSubscriber()).isEqualTo(SubscriberRelationship.SPOUSE);
        assertThat(primary.getSubscriber().getMemberId()).isEqualTo("W220044187");
        assertThat(primary.getSubscriber().getFirstName()).isEqualTo("Minh");
        assertThat(primary.getSubscriber().getMiddleName()).isEqualTo("Q");
        assertThat(primary.getSubscriber().getLastName()).isEqualTo("Nguyen");
        assertThat(primary.getSubscriber().getBirthDate()).isEqualTo(LocalDate.of(1983, 1, 30));
        assertThat(primary.getSubscriber().getSex()).isEqualTo(AdministrativeSex.MALE);
        assertThat(primary.getSubscriber().getAddress().getLine1()).isEqualTo("3100 Olentangy River Rd");
        assertThat(primary.getGroupNumber()).isEqualTo("0847712");
        assertThat(primary.getGroupName()).isEqualTo("Battelle");
        assertThat(primary.getClaimFilingIndicator()).isEqualTo("CI");
        Coverage secondary = event.getCoverages().get(1);
        assertThat(secondary.getResponsibility()).isEqualTo(PayerResponsibility.SECONDARY);
        assertThat(secondary.getPayer().getPayerId()).isEqualTo("OHMCD");
        assertThat(secondary.getRelationshipToSubscriber()).isEqualTo(SubscriberRelationship.SELF);
        assertThat(secondary.getSubscriber().getMemberId()).isEqualTo("OH00918273");
        assertThat(secondary.getSubscriber().getFirstName()).isEqualTo("Linh");
        assertThat(secondary.getClaimFilingIndicator()).isEqualTo("MC");
        assertThat(event.getEncounterClass()).isEqualTo(EncounterClass.VIRTUAL);
        assertThat(event.getPlaceOfService()).isEqualTo("02");
        assertThat(event.getProviders().getRendering()).isNull();
        assertThat(event.getDiagnoses())
                .containsExactly(code(CodeSystem.ICD_10_CM, "N94.6", "Dysmenorrhea, unspecified"));
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 5, 6));
    }

    @Test
    void aBundleWithoutPatientAndWithAnUnknownCodeSystemGetsBothProblemsAndPublishesNothing() {
        String encounterId = "bad-" + UUID.randomUUID();
        Bundle bundle = parse(bundle("office-visit-snomed.json", encounterId));
        Encounter encounter = resources(bundle, Encounter.class).get(0);
        encounter.setSubject(null);
        Condition hypertension = resources(bundle, Condition.class).get(0);
        hypertension.setCode(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding("http://example.org/local-problem-codes", "HTN", null)));
        // and a second encounter in the same bundle, refused on its own (issue 17): with two encounters, the
        // Conditions that name no encounter belong to neither, so it has no diagnosis
        String otherId = "bad-other-" + UUID.randomUUID();
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(encounter
                        .copy()
                        .setSubject(
                                new org.hl7.fhir.r4.model.Reference("urn:uuid:6f1c2a7e-2b0d-4a57-9a61-0c1f4e8d2a01"))
                        .setId(otherId));

        ResponseEntity<String> response =
                post("/fhir", fhir.newJsonParser().encodeResourceToString(bundle), "application/fhir+json");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/fhir+json");
        OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.getBody());
        assertThat(outcome.getIssue())
                .extracting(
                        i -> i.getCode().toCode(), i -> i.getExpression().get(0).getValue())
                .contains(
                        org.assertj.core.groups.Tuple.tuple("required", "Bundle.entry[7].resource.subject"),
                        org.assertj.core.groups.Tuple.tuple(
                                "code-invalid", "Bundle.entry[8].resource.code.coding[0].system"));
        // errors, and the information that the Conditions of no encounter were not read
        assertThat(outcome.getIssue())
                .allMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.INFORMATION);
        assertThat(outcome.getIssue())
                .anyMatch(i -> i.getDiagnostics().contains("http://example.org/local-problem-codes"));
        assertNothingPublished(encounterId);
        assertNothingPublished(otherId);
    }

    @Test
    void aReferenceToNothingInTheBundleIsNotFound() {
        String encounterId = "unresolved-" + UUID.randomUUID();
        String bundle = bundle("two-coverages.json", encounterId)
                .replace(
                        "\"subject\": {\"reference\": \"Patient/pat-302\"},",
                        "\"subject\": {\"reference\": \"Patient/not-in-the-bundle\"},");

        ResponseEntity<String> response = post("/fhir/Bundle", bundle, "application/fhir+json");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.getBody());
        assertThat(outcome.getIssue())
                .filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .extracting(
                        i -> i.getCode().toCode(), i -> i.getExpression().get(0).getValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("not-found", "Bundle.entry[9].resource.subject"));
        assertNothingPublished(encounterId);
    }

    @Test
    void anUnresolvedServiceProviderIsBilledUnderTheTenantsBillingProviderWithAWarning() {
        // issue 17: the tenant's billing provider (claimflow.ehr.billing-provider, set in the test configuration)
        // stands in; before, the encounter was refused with not-found
        String encounterId = "unresolved-billing-" + UUID.randomUUID();
        String bundle = bundle("two-coverages.json", encounterId)
                .replace(
                        "\"serviceProvider\": {\"reference\": \"Organization/org-billing\"}",
                        "\"serviceProvider\": {\"reference\": \"Organization/not-in-the-bundle\"}");

        ResponseEntity<Map<String, Object>> response = postJson("/fhir/Bundle", bundle);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(WholeHistoryIntakeTest.issues(response))
                .anyMatch(i -> "warning".equals(i.get("severity"))
                        && List.of("Bundle.entry[9].resource.serviceProvider").equals(i.get("expression")));
        EncounterDocumented event = PublishedEvents.awaitExactly(encounterId, 1).get(0);
        assertThat(event.getProviders().getBilling().getNpi()).isEqualTo("1847362914");
        assertThat(event.getProviders().getBilling().getTaxId()).isEqualTo("311234567");
    }

    @Test
    void brokenJsonGetsAStructureProblem() {
        String encounterId = "broken-" + UUID.randomUUID();
        String bundle = bundle("office-visit-snomed.json", encounterId);

        ResponseEntity<String> response =
                post("/fhir", bundle.substring(0, bundle.length() / 2), "application/fhir+json");

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.getBody());
        assertThat(outcome.getIssue()).hasSize(1);
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.STRUCTURE);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("not a FHIR R4 JSON Bundle");
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).doesNotContain("Whitfield");
        assertNothingPublished(encounterId);
    }

    @Test
    void aResourceThatIsNoBundleAndAnUnfinishedEncounterAreRefused() {
        ResponseEntity<String> patient =
                post("/fhir/Bundle", "{\"resourceType\": \"Patient\"}", "application/fhir+json");
        assertThat(patient.getStatusCode().value()).isEqualTo(400);

        String encounterId = "planned-" + UUID.randomUUID();
        ResponseEntity<String> planned = post(
                "/fhir",
                bundle("office-visit-snomed.json", encounterId)
                        .replace("\"status\": \"finished\"", "\"status\": \"planned\""),
                "application/fhir+json");
        assertThat(planned.getStatusCode().value()).isEqualTo(400);
        assertThat(planned.getBody()).contains("finished");
        assertNothingPublished(encounterId);
    }

    @Test
    void anotherContentTypeIsUnsupported() {
        ResponseEntity<String> response = post("/fhir", "PID|1||x", "text/plain");

        assertThat(response.getStatusCode().value()).isEqualTo(415);
        assertThat(response.getBody()).contains("OperationOutcome");
    }

    private void assertNothingPublished(String encounterId) {
        assertThat(jdbc.sql("SELECT count(*) FROM published_encounter WHERE encounter_id = ?")
                        .param(encounterId)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key = ?")
                        .param(encounterId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private ResponseEntity<Map<String, Object>> postJson(String path, String body) {
        return http.post()
                .uri(path)
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(body)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private ResponseEntity<String> post(String path, String body, String contentType) {
        return http.post()
                .uri(path)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .body(body)
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toEntity(String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> encounters(ResponseEntity<Map<String, Object>> response) {
        return (List<Map<String, Object>>) response.getBody().get("encounters");
    }

    private Bundle parse(String json) {
        return fhir.newJsonParser().parseResource(Bundle.class, json);
    }

    private static <T> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    static String bundle(String name, String encounterId) {
        try (InputStream in = FhirBundleIntakeTest.class.getResourceAsStream("/fhir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("enc-example-0001", encounterId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentedCode initial(DocumentedCode code) {
        code.setEpisodeOfCare(io.claimflow.events.EpisodeOfCare.INITIAL);
        return code;
    }

    private static DocumentedCode code(CodeSystem system, String code, String text) {
        return DocumentedCode.newBuilder()
                .setSystem(system)
                .setCode(code)
                .setText(text)
                .build();
    }
}
