package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.PublishedEvents;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Whole-history bundles at the FHIR door (issue 17), real Kafka, registry and PostgreSQL: the encounter in the
 * look-back window is published, the old one counted, the bad one refused alone, all in one answer; a repost
 * publishes nothing; a provider directory bundle received first resolves a later bundle's conditional references.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class WholeHistoryIntakeTest {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "demo-admin"))
                .build();
    }

    @Test
    void theEncounterInTheWindowIsPublishedTheBadOneRefusedAloneAndARepostPublishesNothing() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String bundle =
                WholeHistoryBundleTest.wholeHistory(suffix, LocalDate.now().minusDays(14));

        ResponseEntity<Map<String, Object>> response = post(bundle);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(encounters(response))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("encounterId", "recent-" + suffix)
                        .containsEntry("outcome", "PUBLISHED"));
        assertThat(response.getBody().get("refused")).isEqualTo(List.of("untyped-" + suffix));
        List<Map<String, Object>> issues = issues(response);
        assertThat(issues)
                .anyMatch(i -> "error".equals(i.get("severity"))
                        && List.of("Bundle.entry[5].resource.type").equals(i.get("expression")));
        assertThat(issues)
                .anyMatch(i -> "information".equals(i.get("severity"))
                        && String.valueOf(i.get("diagnostics")).startsWith("1 Encounter(s) dated before"));
        assertThat(issues)
                .anyMatch(i -> "information".equals(i.get("severity"))
                        && String.valueOf(i.get("diagnostics")).startsWith("2 Observation resource(s) not read"));
        EncounterDocumented event =
                PublishedEvents.awaitExactly("recent-" + suffix, 1).get(0);
        assertThat(event.getProviders().getBilling().getNpi()).isEqualTo("1847362914");
        assertThat(event.getProviders().getRendering().getNpi()).isEqualTo("1234567893");

        ResponseEntity<Map<String, Object>> again = post(bundle);

        assertThat(encounters(again))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("encounterId", "recent-" + suffix)
                        .containsEntry("outcome", "ALREADY_PUBLISHED"));
        PublishedEvents.awaitExactly("recent-" + suffix, 1);
        assertThat(PublishedEvents.await("old-" + suffix, 0)).isEmpty();
    }

    @Test
    void aDirectoryBundleIsKeptAndResolvesALaterPatientBundlesConditionalReferences() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String directory = """
                {"resourceType": "Bundle", "type": "batch", "entry": [
                  {"resource": {"resourceType": "Organization", "id": "d1",
                    "identifier": [{"system": "https://github.com/synthetichealth/synthea", "value": "dir-%1$s"},
                                   {"system": "http://hl7.org/fhir/sid/us-npi", "value": "1000000004"}],
                    "name": "Directory Clinic",
                    "address": [{"line": ["5 Elm St"], "city": "Salem", "state": "MA", "postalCode": "019701111"}]},
                   "request": {"method": "POST", "url": "Organization"}},
                  {"resource": {"resourceType": "Location", "id": "l1", "name": "No identifier"},
                   "request": {"method": "POST", "url": "Location"}}
                ]}""".formatted(suffix);
        String patient = WholeHistoryBundleTest.wholeHistory(
                        suffix, LocalDate.now().minusDays(3))
                .replace("synthea|org-" + suffix, "synthea|dir-" + suffix);

        ResponseEntity<Map<String, Object>> stored = post(directory);
        ResponseEntity<Map<String, Object>> published = post(patient);

        assertThat(stored.getStatusCode().value()).isEqualTo(200);
        assertThat(stored.getBody().get("directory")).isEqualTo(Map.of("Organization", 1));
        assertThat(issues(stored))
                .anyMatch(i -> String.valueOf(i.get("diagnostics")).contains("without an identifier"));
        assertThat(encounters(published)).extracting(e -> e.get("encounterId")).containsExactly("recent-" + suffix);
        EncounterDocumented event =
                PublishedEvents.awaitExactly("recent-" + suffix, 1).get(0);
        assertThat(event.getProviders().getBilling().getNpi()).isEqualTo("1000000004");
        assertThat(event.getProviders().getBilling().getLastOrOrganizationName())
                .isEqualTo("Directory Clinic");
    }

    private ResponseEntity<Map<String, Object>> post(String body) {
        return http.post()
                .uri("/fhir")
                .contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(body)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> encounters(ResponseEntity<Map<String, Object>> response) {
        return (List<Map<String, Object>>) response.getBody().get("encounters");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> issues(ResponseEntity<Map<String, Object>> response) {
        Map<String, Object> outcome = (Map<String, Object>) response.getBody().get("outcome");
        return (List<Map<String, Object>>) outcome.getOrDefault("issue", List.of());
    }
}
