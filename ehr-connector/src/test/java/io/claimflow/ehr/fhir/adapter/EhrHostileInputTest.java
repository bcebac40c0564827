package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Wrong types, out-of-range values and hostile strings at ehr-connector's REST doors (issue 19, items 8 and 9): the
 * FHIR door answers 400 with an OperationOutcome that names the field and never quotes the value, and publishes
 * nothing; its other endpoints (the platform's audit search) answer 400 problem details that never quote it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class EhrHostileInputTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String MARKER = "Zq7Marker";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RestClient as(String user, String password) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .build();
    }

    void assertBundleRefused(String encounterId, String bundle, String... notEchoed) {
        ResponseEntity<String> response = as("admin", "demo-admin")
                .post()
                .uri("/fhir")
                .header(HttpHeaders.CONTENT_TYPE, "application/fhir+json")
                .body(bundle)
                .retrieve()
                .onStatus(status -> true, (request, answer) -> {})
                .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(encounterId).isEqualTo(400);
        assertThat(response.getBody()).contains("OperationOutcome").doesNotContain(MARKER);
        for (String value : notEchoed) {
            assertThat(response.getBody()).doesNotContain(value);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key = ?")
                        .param(encounterId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    String bundle(String id) throws Exception {
        return FhirBundleIntakeTest.bundle("office-visit-snomed.json", id);
    }

    @Test
    void fhirValuesOfTheWrongTypeOrOutOfRangeAreRefusedWithoutAnEcho() throws Exception {
        String id = "old-" + UUID.randomUUID();
        assertBundleRefused(
                id, bundle(id).replace("\"birthDate\": \"1961-07-22\"", "\"birthDate\": \"1800-01-01\""), "1800");
        id = "far-" + UUID.randomUUID();
        assertBundleRefused(
                id,
                bundle(id)
                        .replace("\"start\": \"2026-03-10T10:30:00-05:00\"", "\"start\": \"9999-03-10T10:30:00-05:00\"")
                        .replace("\"end\": \"2026-03-10T11:02:00-05:00\"", "\"end\": \"9999-03-10T11:02:00-05:00\""),
                "9999");
        id = "type-" + UUID.randomUUID();
        assertBundleRefused(
                id, bundle(id).replace("\"birthDate\": \"1961-07-22\"", "\"birthDate\": 19610722"), "19610722");
        id = "long-" + UUID.randomUUID();
        assertBundleRefused(
                id,
                bundle(id).replace("\"value\": \"RFM-0048213\"", "\"value\": \"" + MARKER + "x".repeat(10_004) + "\""));
    }

    @Test
    void wrongTypesInTheAuditSearchAreProblemDetailsWithoutAnEcho() {
        for (String query : new String[] {
            "size=2.5",
            "size=99999",
            "page=-1",
            "from=" + MARKER,
            "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
            "page=" + MARKER
        }) {
            ResponseEntity<Map<String, Object>> response = as("auditor", "demo-auditor")
                    .get()
                    .uri(URI.create("http://localhost:" + port + "/audit/records?" + query))
                    .retrieve()
                    .onStatus(s -> true, (req, res) -> {})
                    .toEntity(JSON);
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            Map<String, Object> problem = new HashMap<>(response.getBody());
            problem.remove("instance");
            assertThat(String.valueOf(problem))
                    .as(query)
                    .doesNotContain(MARKER)
                    .doesNotContain("99999")
                    .doesNotContain("2.5")
                    .doesNotContain("Exception");
        }
    }
}
