package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * What coding-service would dead-letter, and what would stop an 837 batch or the outbox, is refused at the FHIR door
 * with 400 and an OperationOutcome naming the field (never its value), and nothing is published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class FhirDoorRefusalTest {

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
    void aNulCharacterInTheNameIsRefused() {
        String id = "nul-" + UUID.randomUUID();
        OperationOutcome outcome = refused(
                id,
                FhirBundleIntakeTest.bundle("office-visit-snomed.json", id)
                        .replace("\"family\": \"Whitfield\"", "\"family\": \"Whit\\u0000field\""));

        assertThat(outcome.getIssue())
                .anyMatch(i -> i.getExpression().get(0).getValue().equals("patient.lastName")
                        && i.getDiagnostics().contains("NUL"));
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        String id = "unborn-" + UUID.randomUUID();
        OperationOutcome outcome = refused(
                id,
                FhirBundleIntakeTest.bundle("office-visit-snomed.json", id)
                        .replace(
                                "\"birthDate\": \"1961-07-22\"",
                                "\"birthDate\": \"" + LocalDate.now().plusYears(1) + "\""));

        assertThat(outcome.getIssue()).anyMatch(i -> i.getDiagnostics().contains("birth date"));
    }

    @Test
    void x12DelimitersInTheAddressAreRefused() {
        String id = "x12-" + UUID.randomUUID();
        OperationOutcome outcome = refused(
                id,
                FhirBundleIntakeTest.bundle("office-visit-snomed.json", id)
                        .replace(
                                "\"state\": \"OH\", \"postalCode\": \"43214-1032\"",
                                "\"state\": \"O*H\", \"postalCode\": \"43215~N4*X\""));

        assertThat(outcome.getIssue())
                .extracting(i -> i.getExpression().get(0).getValue())
                .contains("patient.address.state", "patient.address.postalCode");
        assertThat(outcome.getIssue()).allMatch(i -> i.getDiagnostics().contains("delimiter"));
    }

    @Test
    void anEncounterTooLargeForAnEventIsRefused() {
        String id = "large-" + UUID.randomUUID();
        String note = "Follow-up. ".repeat(60_000); // about 660 kB of note text, over the 512 KiB event limit
        OperationOutcome outcome = refused(
                id,
                FhirBundleIntakeTest.bundle("office-visit-snomed.json", id)
                        .replace(
                                "Rm9sbG93LXVwIG9mIGh5cGVydGVuc2lvbiBhbmQgdHlwZSAyIGRpYWJldGVzLiBUb3RhbCB0aW1lIDMyIG1pbnV0ZXMu",
                                Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8))));

        assertThat(outcome.getIssue()).anyMatch(i -> i.getDiagnostics().contains("too large"));
    }

    @Test
    void aBodyOverTheLimitGets413UnparsedWithOrWithoutContentLength() throws Exception {
        // about 5 MB, over the 4 MiB default: with a Content-Length it is refused before a byte is read (the client
        // asks with Expect: 100-continue and never sends it); chunked, reading stops at the limit
        byte[] huge = ("{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": ["
                        + "{}, ".repeat(1_250_000) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

        java.net.http.HttpResponse<String> sized = client.send(
                fhirPost("/fhir")
                        .expectContinue(true)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> chunked = client.send(
                fhirPost("/fhir/Bundle")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(huge)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        for (java.net.http.HttpResponse<String> response : List.of(sized, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(fhir.newJsonParser()
                            .parseResource(OperationOutcome.class, response.body())
                            .getIssueFirstRep()
                            .getCode())
                    .isEqualTo(OperationOutcome.IssueType.TOOCOSTLY);
        }
    }

    private java.net.http.HttpRequest.Builder fhirPost(String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/fhir+json");
    }

    private OperationOutcome refused(String encounterId, String bundle) {
        ResponseEntity<String> response = http.post()
                .uri("/fhir")
                .header(HttpHeaders.CONTENT_TYPE, "application/fhir+json")
                .body(bundle)
                .retrieve()
                .onStatus(status -> true, (request, answer) -> {})
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody())
                .doesNotContain("Whit")
                .doesNotContain("O*H")
                .doesNotContain("43215~");
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE key = ?")
                        .param(encounterId)
                        .query(Integer.class)
                        .single())
                .isZero();
        return fhir.newJsonParser().parseResource(OperationOutcome.class, response.getBody());
    }
}
