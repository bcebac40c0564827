package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.Code;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import io.claimflow.ehr.intake.Problem;
import io.claimflow.ehr.intake.Problem.Kind;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

/**
 * A whole-history patient bundle as Synthea and EHR exports send it (issue 17): every finished encounter in the
 * look-back window on its own, with only the resources that reference it; older ones counted, a bad one refused
 * alone; conditional references ({@code Type?identifier=system|value}) resolved in the bundle or the directory.
 */
class WholeHistoryBundleTest {

    static final LocalDate RECENT = LocalDate.of(2026, 11, 20);
    static final LocalDate EARLIEST = LocalDate.of(2025, 12, 6);

    static String wholeHistory(String suffix, LocalDate recent) throws Exception {
        return BundleMapperTest.resource("whole-history.json")
                .replace("${suffix}", suffix)
                .replace("${recent}", recent.toString());
    }

    static BundleMapper.Result map(String json, MappingSettings settings) {
        return BundleMapper.map(settings, BundleMapperTest.FHIR.newJsonParser().parseResource(Bundle.class, json));
    }

    static MappingSettings window() {
        return new MappingSettings("riverside-fm", EARLIEST, null, null, ResourceDirectory.NONE);
    }

    @Test
    void onlyEncountersInTheWindowArePublishedAndTheOlderOnesAreCounted() throws Exception {
        BundleMapper.Result result = map(wholeHistory("a", RECENT), window());

        assertThat(result.submissions())
                .extracting(s -> s.source().encounterId())
                .containsExactly("recent-a");
        assertThat(result.notices())
                .anyMatch(n -> n.kind() == Kind.NOT_USED
                        && n.message().startsWith("1 Encounter(s) dated before 2025-12-06")
                        && n.message().contains("AMB 1"));
    }

    @Test
    void withoutAWindowTheOldEncounterIsPublishedToo() throws Exception {
        BundleMapper.Result result = map(wholeHistory("a", RECENT), MappingSettings.of("riverside-fm"));

        assertThat(result.submissions())
                .extracting(s -> s.source().encounterId())
                .containsExactly("old-a", "recent-a");
    }

    @Test
    void aBadEncounterIsRefusedAloneWithItsReason() throws Exception {
        BundleMapper.Result result = map(wholeHistory("a", RECENT), window());

        assertThat(result.refused()).containsExactly("untyped-a");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("Bundle.entry[5].resource.type");
            assertThat(p.kind()).isEqualTo(Kind.REQUIRED);
        });
        assertThat(result.submissions()).hasSize(1);
    }

    @Test
    void eachEncounterCarriesOnlyTheResourcesThatReferenceIt() throws Exception {
        DocumentedEncounter recent =
                map(wholeHistory("a", RECENT), window()).submissions().get(0).encounter();

        // the old encounter's Condition (viral sinusitis) stays with the old encounter
        assertThat(recent.diagnoses()).extracting(Code::code).containsExactly("195662009");
        assertThat(recent.dateOfService()).isEqualTo(RECENT);
    }

    @Test
    void withoutADocumentedEpisodeTheVisitThatRecordedTheConditionIsInitialAndALaterOneSubsequent() throws Exception {
        // the recent visit is for the sinusitis recorded at the old visit (Synthea's follow-ups name it in reasonCode)
        String json = wholeHistory("a", RECENT)
                .replace(
                        "\"period\": {\"start\": \"" + RECENT + "T10:00:00+00:00\"",
                        "\"reasonCode\": [{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\":"
                                + " \"444814009\"}]}], \"period\": {\"start\": \"" + RECENT + "T10:00:00+00:00\"");

        List<DocumentedEncounter> published = map(json, MappingSettings.of("riverside-fm")).submissions().stream()
                .map(s -> s.encounter())
                .toList();

        assertThat(published.get(0).diagnoses())
                .extracting(Code::code, Code::episodeOfCare)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("444814009", DocumentedEncounter.EpisodeOfCare.INITIAL));
        assertThat(published.get(1).diagnoses())
                .extracting(Code::code, Code::episodeOfCare)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("195662009", DocumentedEncounter.EpisodeOfCare.INITIAL),
                        org.assertj.core.groups.Tuple.tuple("444814009", DocumentedEncounter.EpisodeOfCare.SUBSEQUENT));
    }

    /** The untyped encounter typed {@code type} and without its reasonCode: nothing else refers to it. */
    static String nothingButItsType(String type, String display) throws Exception {
        return wholeHistory("a", RECENT)
                .replace(
                        "\"reasonCode\": [{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"10509002\","
                                + " \"display\": \"Acute bronchitis (disorder)\"}]}],",
                        "\"type\": [{\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"" + type
                                + "\", \"display\": \"" + display + "\"}]}],");
    }

    @Test
    void aPreventiveVisitWithNothingButItsTypeIsPublished() throws Exception {
        // Synthea's well child visits often carry no Condition, Procedure or Immunization: the visit is the service
        BundleMapper.Result result = map(nothingButItsType("410620009", "Well child visit (procedure)"), window());

        assertThat(result.refused()).isEmpty();
        assertThat(result.submissions())
                .extracting(s -> s.source().encounterId())
                .containsExactly("recent-a", "untyped-a");
        DocumentedEncounter wellChild = result.submissions().get(1).encounter();
        assertThat(wellChild.diagnoses()).isEmpty();
        assertThat(wellChild.procedures()).isEmpty();
    }

    @Test
    void aProblemVisitWithNothingButItsTypeIsStillRefused() throws Exception {
        BundleMapper.Result result = map(nothingButItsType("185345009", "Encounter for symptom (procedure)"), window());

        assertThat(result.refused()).containsExactly("untyped-a");
        assertThat(result.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("the Encounter has no diagnosis"));
    }

    @Test
    void conditionalReferencesResolveInsideTheBundle() throws Exception {
        DocumentedEncounter recent =
                map(wholeHistory("a", RECENT), window()).submissions().get(0).encounter();

        assertThat(recent.providers().billing().npi()).isEqualTo("1847362914");
        assertThat(recent.providers().billing().lastOrOrganizationName()).isEqualTo("Harbor Family Practice");
        assertThat(recent.providers().rendering().npi()).isEqualTo("1234567893");
        assertThat(recent.providers().rendering().lastOrOrganizationName()).isEqualTo("Brandt");
    }

    @Test
    void aConditionalReferenceNotInTheBundleIsLookedUpInTheDirectory() throws Exception {
        String json = wholeHistory("a", RECENT).replace("synthea|org-a", "synthea|org-elsewhere");
        Organization elsewhere = new Organization().setName("Directory Clinic");
        elsewhere.addIdentifier(new Identifier()
                .setSystem("https://github.com/synthetichealth/synthea")
                .setValue("org-elsewhere"));
        elsewhere.addIdentifier(
                new Identifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue("1000000004"));
        ResourceDirectory directory =
                (type, system, value) -> "Organization".equals(type) && "org-elsewhere".equals(value)
                        ? Optional.of(elsewhere)
                        : Optional.empty();

        BundleMapper.Result result = map(json, new MappingSettings("riverside-fm", EARLIEST, null, null, directory));

        assertThat(result.submissions().get(0).encounter().providers().billing().npi())
                .isEqualTo("1000000004");
    }

    @Test
    void anUnresolvableServiceProviderIsReportedAndTheTenantsBillingProviderStandsIn() throws Exception {
        String json = wholeHistory("a", RECENT).replace("synthea|org-a", "synthea|org-nowhere");
        Provider tenant = new Provider(
                "1000000004",
                EntityType.ORGANIZATION,
                "Tenant Clinic",
                null,
                "207Q00000X",
                "311234567",
                DocumentedEncounter.TaxIdType.EIN,
                null);

        BundleMapper.Result withDefault =
                map(json, new MappingSettings("riverside-fm", EARLIEST, tenant, null, ResourceDirectory.NONE));
        BundleMapper.Result without = map(json, window());

        assertThat(withDefault.submissions())
                .singleElement()
                .satisfies(s -> assertThat(s.encounter().providers().billing()).isEqualTo(tenant));
        assertThat(withDefault.notices())
                .anyMatch(n -> n.kind() == Kind.DEFAULTED && n.location().endsWith(".serviceProvider"));
        assertThat(without.submissions()).isEmpty();
        assertThat(without.problems()).extracting(Problem::kind).contains(Kind.UNRESOLVED_REFERENCE);
    }

    @Test
    void resourcesNotReadAreCountedByType() throws Exception {
        BundleMapper.Result result = map(wholeHistory("a", RECENT), window());

        assertThat(result.notices())
                .anyMatch(
                        n -> n.kind() == Kind.NOT_USED && n.message().startsWith("2 Observation resource(s) not read"));
        // the old encounter's Condition is not read either; the Patient, the Organization and Practitioner are
        assertThat(result.notices()).anyMatch(n -> n.message().startsWith("1 Condition resource(s) not read"));
        assertThat(result.notices())
                .noneMatch(n -> n.message().contains(" Patient resource")
                        || n.message().contains(" Organization resource")
                        || n.message().contains(" Practitioner resource"));
    }

    @Test
    void vaccinesInCvxAndDrugsInRxNormAreCarriedAndNeverRefuseTheEncounter() throws Exception {
        BundleMapper.Result result = map(wholeHistory("a", RECENT), window());

        DocumentedEncounter recent = result.submissions().get(0).encounter();
        assertThat(recent.administeredItems())
                .extracting(
                        i -> i.kind(), i -> i.code().system(), i -> i.code().code(), i -> i.quantity(), i -> i.unit())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                DocumentedEncounter.ItemKind.DRUG,
                                DocumentedEncounter.CodeSystem.RXNORM,
                                "1719286",
                                new java.math.BigDecimal("1.000"),
                                DocumentedEncounter.Unit.UNIT),
                        org.assertj.core.groups.Tuple.tuple(
                                DocumentedEncounter.ItemKind.VACCINE,
                                DocumentedEncounter.CodeSystem.CVX,
                                "140",
                                new java.math.BigDecimal("1.000"),
                                DocumentedEncounter.Unit.UNIT));
        // the drug in a local formulary code: reported, left out of billing, the encounter published
        assertThat(result.notices())
                .anyMatch(n -> n.kind() == Kind.NOT_USED
                        && n.location().equals("Bundle.entry[12].resource.medicationCodeableConcept"));
        assertThat(result.problems()).noneMatch(p -> p.location().startsWith("Bundle.entry[1"));
    }

    static MappingSettings payers(boolean mrnAsMemberId) {
        return new MappingSettings(
                "riverside-fm",
                EARLIEST,
                null,
                null,
                ResourceDirectory.NONE,
                new io.claimflow.ehr.config.EhrProperties.Payers(
                        java.util.Map.of("Humana", "HUMANA1"), null, List.of("NO_INSURANCE"), mrnAsMemberId));
    }

    @Test
    void theCoverageInsideTheEncountersExplanationOfBenefitIsReadWithThePayerIdConfiguredForItsName() throws Exception {
        BundleMapper.Result result = map(wholeHistory("a", RECENT), payers(true));

        assertThat(result.submissions().get(0).encounter().coverages())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.payer()).isEqualTo(new DocumentedEncounter.Payer("HUMANA1", "Humana"));
                    assertThat(c.subscriber().memberId()).isEqualTo("WH-a");
                    assertThat(c.relationshipToSubscriber()).isEqualTo(DocumentedEncounter.Relationship.SELF);
                });
        assertThat(result.notices())
                .anyMatch(n -> n.kind() == Kind.DEFAULTED && n.message().contains("MRN"));
        assertThat(result.notices()).noneMatch(n -> n.message().contains("ExplanationOfBenefit resource"));
    }

    @Test
    void withoutAMemberIdOrForSelfPayTheEncounterIsPublishedWithoutCoverageAndSaysSo() throws Exception {
        BundleMapper.Result noMemberId = map(wholeHistory("a", RECENT), payers(false));
        BundleMapper.Result selfPay = map(wholeHistory("a", RECENT).replace("Humana", "NO_INSURANCE"), payers(true));
        BundleMapper.Result unmapped = map(wholeHistory("a", RECENT).replace("Humana", "Acme Health"), payers(true));

        for (BundleMapper.Result result : List.of(noMemberId, selfPay, unmapped)) {
            assertThat(result.submissions())
                    .singleElement()
                    .satisfies(s -> assertThat(s.encounter().coverages()).isEmpty());
        }
        assertThat(noMemberId.notices()).anyMatch(n -> n.message().contains("no member id"));
        assertThat(selfPay.notices()).anyMatch(n -> n.message().contains("self-pay"));
        assertThat(unmapped.notices()).anyMatch(n -> n.message().contains("not in claimflow.ehr.fhir.payers.ids"));
    }
}
