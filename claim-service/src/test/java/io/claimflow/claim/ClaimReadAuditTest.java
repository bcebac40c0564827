package io.claimflow.claim;

import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.RestCalls;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

/**
 * The security issue's acceptance case on a real claim: a BILLER reads a claim's detail, and the AUDITOR finds that
 * read in the audit trail over REST; a CODER is refused the claim, and the refusal is in the trail too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class ClaimReadAuditTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    RestClient as(String user) {
        return RestCalls.asDemoUser(port, user).client();
    }

    @Test
    void aBillersReadOfAClaimIsFoundByTheAuditor() throws Exception {
        String encounterId = "enc-audit-" + UUID.randomUUID();
        EncounterCoded coded = encounterCoded(encounterId, 1);
        kafka.send(Topics.ENCOUNTER_CODED, encounterId, coded).get(30, TimeUnit.SECONDS);
        String claimId = PipelineFixture.awaitCurrentClaim(jdbc, encounterId);

        Map<String, Object> detail =
                as("biller").get().uri("/claims/{id}", claimId).retrieve().body(JSON);
        int coderStatus = as("coder")
                .get()
                .uri("/claims/{id}", claimId)
                .retrieve()
                .onStatus(s -> true, (req, res) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .value();

        assertThat(detail).containsEntry("claimId", claimId);
        assertThat(coderStatus).isEqualTo(403);
        Map<String, Object> reads = as("auditor")
                .get()
                .uri("/audit/records?resourceType=claim&resourceId={id}&user=biller", claimId)
                .retrieve()
                .body(JSON);
        assertThat((List<Map<String, Object>>) reads.get("records"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r)
                            .containsEntry("username", "biller")
                            .containsEntry("action", "read")
                            .containsEntry("outcome", "SUCCESS")
                            .containsEntry("service", "claim-service");
                    assertThat((List<String>) r.get("roles")).contains("BILLER");
                });
        Map<String, Object> refusals = as("auditor")
                .get()
                .uri("/audit/records?user=coder&resourceId=GET /claims/{id}", claimId)
                .retrieve()
                .body(JSON);
        assertThat((List<Map<String, Object>>) refusals.get("records"))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("outcome", "DENIED"));
        int billerSearchingAudit = as("biller")
                .get()
                .uri("/audit/records")
                .retrieve()
                .onStatus(s -> true, (req, res) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .value();
        assertThat(billerSearchingAudit).isEqualTo(403);
    }
}
