package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the acceptance test's funnel reads the door's answers and the services' outcomes (no infrastructure). */
class SyntheaFunnelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);

    private static SyntheaPopulation.Encounter encounter(String id, int entry, String type) {
        return new SyntheaPopulation.Encounter(id, entry, "AMB", type, DAY, "finished");
    }

    private static SyntheaFunnel.Answer answer(int status, String json) throws Exception {
        return new SyntheaFunnel.Answer(status, JSON.readTree(json));
    }

    @Test
    void theEncountersOfABundleAreReadWithTheirEntryIndex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path bundle = dir.resolve("patient.json");
        java.nio.file.Files.writeString(bundle, """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"fullUrl": "urn:uuid:p", "resource": {"resourceType": "Patient", "id": "p",
                   "extension": [{"url": "x", "valueString": "nested {\\"entry\\": []}"}],
                   "identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "999-12-3456"}],
                   "name": [{"family": "Abshire638", "given": ["Bennie663"]}],
                   "address": [{"line": ["512 Kessler Rue"]}]}},
                  {"resource": {"resourceType": "Encounter", "id": "e-1", "status": "finished",
                   "class": {"code": "AMB"}, "type": [{"coding": [{"display": "Dental care"}], "text": "Dental care"}],
                   "period": {"start": "2026-06-01T10:00:00+00:00"}}},
                  {"resource": {"resourceType": "Encounter", "id": "e-2", "status": "finished",
                   "class": {"code": "EMER"}, "type": [{"coding": [{"display": "Emergency room admission"}]}],
                   "period": {"start": "2025-01-02T23:00:00-05:00"}}}],
                 "meta": {"lastUpdated": "2026-11-30"}}""");

        assertThat(SyntheaPopulation.encounters(bundle))
                .containsExactly(
                        new SyntheaPopulation.Encounter("e-1", 1, "AMB", "Dental care", DAY, "finished"),
                        new SyntheaPopulation.Encounter(
                                "e-2", 2, "EMER", "Emergency room admission", LocalDate.of(2025, 1, 2), "finished"));
        assertThat(SyntheaPopulation.encounters(bundle).get(0).ambulatoryMedical(Set.of()))
                .isFalse();
        assertThat(SyntheaPopulation.read(bundle).patientData())
                .containsExactly(
                        "Abshire638",
                        "Bennie663 Abshire638",
                        "Abshire638^Bennie663",
                        "Abshire638, Bennie663",
                        "512 Kessler Rue",
                        "999-12-3456");
    }

    @Test
    void anEncounterWithAProcedureCodingServiceHoldsAsDentalIsNotAmbulatoryMedical(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path bundle = dir.resolve("patient.json");
        java.nio.file.Files.writeString(bundle, """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"resource": {"resourceType": "Encounter", "id": "e-1", "status": "finished",
                   "class": {"code": "AMB"}, "type": [{"text": "Encounter for problem"}],
                   "reasonCode": [{"coding": [{"system": "http://snomed.info/sct", "code": "444814009"}]}],
                   "period": {"start": "2026-06-01T10:00:00+00:00"}}},
                  {"resource": {"resourceType": "Procedure", "id": "p-1",
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "1260009003"}]},
                   "encounter": {"reference": "urn:uuid:e-1"}}},
                  {"resource": {"resourceType": "Encounter", "id": "e-2", "status": "finished",
                   "class": {"code": "AMB"}, "type": [{"text": "Encounter for problem"}],
                   "period": {"start": "2026-06-02T10:00:00+00:00"}}},
                  {"resource": {"resourceType": "Condition", "id": "c-1",
                   "code": {"coding": [{"system": "http://snomed.info/sct", "code": "444814009"}]},
                   "encounter": {"reference": "urn:uuid:e-2"}}}]}""");
        // coding-service's own overlay is the one source of dental concepts
        Set<String> dental = SyntheaPopulation.dentalConcepts(java.nio.file.Path.of(".."));
        assertThat(dental).contains("1260009003", "34043003").doesNotContain("444814009");

        List<SyntheaPopulation.Encounter> encounters = SyntheaPopulation.encounters(bundle);
        assertThat(encounters.get(0).concepts()).containsExactlyInAnyOrder("444814009", "1260009003");
        assertThat(encounters.get(0).ambulatoryMedical(dental)).isFalse();
        assertThat(encounters.get(1).ambulatoryMedical(dental)).isTrue();

        SyntheaFunnel.Answer accepted = answer(200, "{\"encounters\": []}");
        SyntheaFunnel funnel = SyntheaFunnel.count(
                        encounters.stream()
                                .map(e -> new SyntheaFunnel.Sent(e, accepted))
                                .toList(),
                        Map.of(),
                        new SyntheaFunnel.Stored(Map.of(), Map.of(), Map.of(), Set.of(), Map.of(), Map.of()),
                        1,
                        List.of(accepted),
                        List.of(),
                        2,
                        DAY.minusYears(1),
                        DAY.plusDays(1))
                .dental(dental);
        assertThat(funnel.ambulatory()).isEqualTo(1);
        assertThat(funnel.render())
                .contains("|   of them dental (AMB, held by coding-service as DENTAL-SERVICE) | 1 |");
    }

    @Test
    void anIssueNamingTheEncountersEntryIsItsReasonWithIdsAndIndexesBlanked() throws Exception {
        SyntheaFunnel.Answer refused = answer(400, """
                {"resourceType": "OperationOutcome", "issue": [
                  {"severity": "error", "code": "required", "expression": ["Bundle.entry[7].resource.subject"],
                   "diagnostics": "Encounter.subject is required"},
                  {"severity": "error", "code": "required", "expression": ["Bundle.entry[3].resource"],
                   "diagnostics": "Organization 5f0d2c1e-0000-4000-8000-000000000001 at entry[3] has no NPI"}]}""");

        assertThat(SyntheaFunnel.reason(refused, encounter("e-3", 3, "Check up")))
                .contains("Organization <id> at entry[n] has no NPI");
        // entry[7] is not entry[70]
        assertThat(SyntheaFunnel.reason(refused, encounter("e-70", 70, "Check up")))
                .hasValueSatisfying(r -> assertThat(r).startsWith("bundle refused (HTTP 400): "));
    }

    @Test
    void anErrorNamingTheEncounterIsItsReasonBeforeAWarningThatDoes() throws Exception {
        SyntheaFunnel.Answer answer = answer(200, """
                {"encounters": [], "refused": ["e-5"], "outcome": {"resourceType": "OperationOutcome", "issue": [
                  {"severity": "warning", "expression": ["Bundle.entry[5].resource.participant[0]"],
                   "diagnostics": "the tenant's rendering provider renders"},
                  {"severity": "error", "expression": ["Bundle.entry[5].resource"],
                   "diagnostics": "the Encounter has no diagnosis"}]}}""");

        assertThat(SyntheaFunnel.reason(answer, encounter("e-5", 5, "Check up")))
                .contains("the Encounter has no diagnosis");
    }

    @Test
    void aWholeBundleRefusedNamesItsFirstIssueForEveryEncounterInIt() throws Exception {
        SyntheaFunnel.Answer tooLarge = answer(413, """
                {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "too-costly",
                 "diagnostics": "the bundle is larger than 4194304 bytes; send fewer encounters per bundle"}]}""");

        assertThat(SyntheaFunnel.reason(tooLarge, encounter("e-1", 1, "Check up")))
                .contains(
                        "bundle refused (HTTP 413): the bundle is larger than <n> bytes; send fewer encounters per bundle");
    }

    @Test
    void anEncounterAnAcceptedAnswerDoesNotMentionIsDroppedSilently() throws Exception {
        SyntheaFunnel.Answer accepted = answer(200, """
                {"encounters": [{"encounterId": "e-1", "outcome": "PUBLISHED"}]}""");
        SyntheaFunnel.Answer informed = answer(200, """
                {"encounters": [], "issue": [{"severity": "information", "expression": ["Bundle.entry[9].resource"],
                 "diagnostics": "Encounter e-9 is outside the look-back window"}]}""");
        List<SyntheaFunnel.Sent> sent = List.of(
                new SyntheaFunnel.Sent(encounter("e-1", 1, "Check up"), accepted),
                new SyntheaFunnel.Sent(encounter("e-2", 2, "Check up"), accepted),
                new SyntheaFunnel.Sent(encounter("e-9", 9, "Dental consultation and report"), informed));
        SyntheaFunnel.Stored stored = new SyntheaFunnel.Stored(
                Map.of("t-e-1", "CODED"), Map.of(), Map.of("t-e-1", "PAID"), Set.of("t-e-1"), Map.of(), Map.of());

        SyntheaFunnel funnel = SyntheaFunnel.count(
                sent,
                Map.of("e-1", "t-e-1"),
                stored,
                2,
                List.of(accepted, informed),
                List.of(),
                30,
                DAY.minusYears(1),
                DAY);

        assertThat(SyntheaFunnel.doorOutcome(accepted, "e-1")).contains("PUBLISHED");
        assertThat(SyntheaFunnel.reason(answer(200, """
                {"encounters": [], "refused": ["e-4"], "outcome": {"issue": [{"severity": "error",
                 "expression": ["Bundle.entry[40].resource"], "diagnostics": "Condition code unknown"}]}}"""), encounter("e-4", 4, "Check up")))
                .contains("listed in 'refused' with no issue naming the encounter");
        assertThat(funnel.silentlyDropped()).singleElement().asString().startsWith("e-2 ");
        assertThat(funnel.unfinished()).isEmpty();
        // the dental visit is not ambulatory medical: 1 of 2 became a submitted claim
        assertThat(funnel.ambulatory()).isEqualTo(2);
        assertThat(funnel.ambulatorySubmitted()).isEqualTo(1);
        assertThat(funnel.ambulatoryShare()).isEqualByComparingTo("0.5");
        assertThat(funnel.render()).contains("| claims submitted | 1 | current status {PAID=1} |");
    }

    @Test
    void aCodedEncounterWhoseClaimIsStillInFlightOrMissingIsUnfinished() throws Exception {
        SyntheaFunnel.Answer accepted = answer(200, "{\"encounters\": []}");
        List<SyntheaFunnel.Sent> sent = List.of(
                new SyntheaFunnel.Sent(encounter("e-1", 1, "Check up"), accepted),
                new SyntheaFunnel.Sent(encounter("e-2", 2, "Check up"), accepted),
                new SyntheaFunnel.Sent(encounter("e-3", 3, "Check up"), accepted),
                new SyntheaFunnel.Sent(encounter("e-4", 4, "Check up"), accepted));
        SyntheaFunnel.Stored stored = new SyntheaFunnel.Stored(
                Map.of("t1", "CODED", "t2", "CODED", "t3", "HELD", "t4", "CODED"),
                Map.of("t3", List.of("UNMAPPED: no crosswalk")),
                Map.of("t1", "ACKNOWLEDGED", "t4", "HELD"),
                Set.of("t1"),
                Map.of("t4", List.of("NPI: check digit")),
                Map.of());

        SyntheaFunnel funnel = SyntheaFunnel.count(
                sent,
                Map.of("e-1", "t1", "e-2", "t2", "e-3", "t3", "e-4", "t4"),
                stored,
                1,
                List.of(accepted),
                List.of(),
                4,
                DAY.minusYears(1),
                DAY);

        assertThat(funnel.unfinished())
                .containsExactlyInAnyOrder(
                        "t1: coding coded, claim submitted, ACKNOWLEDGED", "t2: coding coded, claim coded, no claim");
        assertThat(funnel.render())
                .contains("| held for a coder | 1 | by reason {UNMAPPED: no crosswalk=1} |")
                .contains("| claims held by the scrubber | 1 | by finding {NPI: check digit=1} |");
    }
}
