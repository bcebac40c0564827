package io.claimflow.claim;

import static io.claimflow.claim.PipelineFixture.avro;
import static io.claimflow.claim.PipelineFixture.await;
import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimLine;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import io.claimflow.testsupport.RestCalls;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@code POST /claims/{claimId}/bill-patient}: a held self-pay claim billed to the patient, its money, timeline and
 * ClaimBilledToPatient on the topic; the claims it refuses (409, never echoing the request); a recoded visit billed
 * again names the claim it replaces.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class BillToPatientIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    ResponseEntity<Map<String, Object>> call(String user, HttpMethod method, String path, Object body) {
        return RestCalls.asDemoUser(port, user).json(method, path, body);
    }

    ResponseEntity<Map<String, Object>> billPatient(String user, String claimId, Object body) {
        return call(user, HttpMethod.POST, "/claims/" + claimId + "/bill-patient", body);
    }

    String status(String claimId) {
        return jdbc.sql("SELECT status FROM claim WHERE claim_id = ?")
                .param(claimId)
                .query(String.class)
                .single();
    }

    void publish(EncounterCoded event) throws Exception {
        kafka.send(Topics.ENCOUNTER_CODED, event.getEncounterId(), event).get(30, TimeUnit.SECONDS);
    }

    /** A self-pay encounter (no coverage) coded in version {@code version}; its claim is held. */
    String heldSelfPayClaim(String encounterId, int version) throws Exception {
        EncounterCoded coded = encounterCoded(encounterId, version);
        coded.setCoverages(new ArrayList<>());
        publish(coded);
        await(
                "a held claim of version " + version,
                () -> jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ? AND is_current AND status = 'HELD'"
                                        + " AND coding_version = ?")
                                .params(encounterId, version)
                                .query(Integer.class)
                                .single()
                        == 1);
        return PipelineFixture.awaitCurrentClaim(jdbc, encounterId);
    }

    List<ClaimBilledToPatient> billedEvents(String encounterId, int count) {
        return Records.<ClaimBilledToPatient>awaitRecords(
                        Topics.CLAIM_BILLED_TO_PATIENT,
                        count,
                        WAIT,
                        avro(),
                        r -> r.key().equals(encounterId))
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    @Test
    void aHeldSelfPayClaimIsBilledToThePatientWithItsLinesAndChargesAndOnlyOnce() throws Exception {
        String encounterId = "enc-selfpay-" + UUID.randomUUID();
        String claimId = heldSelfPayClaim(encounterId, 1);

        ResponseEntity<Map<String, Object>> billed =
                billPatient("biller", claimId, Map.of("reason", "patient chose to pay at the desk"));

        assertThat(billed.getStatusCode().value()).isEqualTo(200);
        assertThat(billed.getBody()).containsEntry("status", "BILLED_TO_PATIENT");
        Map<String, Object> money = jdbc.sql("SELECT status, total_charge, paid_amount, patient_responsibility,"
                        + " adjusted_amount FROM claim WHERE claim_id = ?")
                .param(claimId)
                .query()
                .singleRow();
        BigDecimal total = (BigDecimal) money.get("total_charge");
        assertThat(total).isPositive();
        assertThat((BigDecimal) money.get("patient_responsibility")).isEqualByComparingTo(total);
        assertThat((BigDecimal) money.get("paid_amount")).isZero();
        assertThat((BigDecimal) money.get("adjusted_amount")).isZero();
        assertThat(jdbc.sql("SELECT actor_kind || ':' || actor_id FROM claim_status_history"
                                + " WHERE claim_id = ? AND to_status = 'BILLED_TO_PATIENT'")
                        .param(claimId)
                        .query(String.class)
                        .list())
                .containsExactly("USER:biller");

        ClaimBilledToPatient event = billedEvents(encounterId, 1).get(0);
        assertThat(event.getClaimId()).isEqualTo(claimId);
        assertThat(event.getReplacedClaimId()).isNull();
        assertThat(event.getBilledBy()).isEqualTo("biller");
        assertThat(event.getReason()).isEqualTo("patient chose to pay at the desk");
        assertThat(event.getCodingVersion()).isEqualTo(1);
        assertThat(event.getTotalCharge()).isEqualByComparingTo(total);
        List<Map<String, Object>> lines = jdbc.sql(
                        "SELECT line_number, procedure_code, charge FROM claim_line WHERE claim_id = ? ORDER BY 1")
                .param(claimId)
                .query()
                .listOfRows();
        assertThat(event.getLines()).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            ClaimLine line = event.getLines().get(i);
            assertThat(line.getService().getProcedureCode())
                    .isEqualTo(lines.get(i).get("procedure_code"));
            assertThat(line.getChargeAmount())
                    .isEqualByComparingTo((BigDecimal) lines.get(i).get("charge"));
            assertThat(line.getService().getDateOfService()).isNotNull();
        }
        assertThat(event.getLines().stream().map(ClaimLine::getChargeAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(total);
        assertThat(event.getPatient().getMrn()).isEqualTo("MRN-" + encounterId);

        // a second bill of the same claim: refused, and the request's words are not echoed
        ResponseEntity<Map<String, Object>> again =
                billPatient("biller", claimId, Map.of("reason", "<script>x</script>"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat((String) again.getBody().get("detail")).contains("HELD").doesNotContain("script");
        // coverage is not added to a claim billed to the patient
        ResponseEntity<Map<String, Object>> covered = call(
                "biller",
                HttpMethod.PUT,
                "/claims/" + claimId + "/coverage",
                Map.of("payerId", "BKHP1", "payerName", "Buckeye Health Plan", "memberId", "BHP884120337"));
        assertThat(covered.getStatusCode().value()).isEqualTo(409);
        assertThat((String) covered.getBody().get("detail")).contains("billed to the patient", "recoded");
        assertThat(status(claimId)).isEqualTo("BILLED_TO_PATIENT");

        // off the held list, found by its status
        assertThat(jdbc.sql("SELECT count(*) FROM claim_status_history WHERE claim_id = ?")
                        .param(claimId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3); // created, held, billed to the patient
        ResponseEntity<Map<String, Object>> found =
                call("biller", HttpMethod.GET, "/claims?status=BILLED_TO_PATIENT&encounterId=" + encounterId, null);
        assertThat(found.getStatusCode().value()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) found.getBody().get("items"))
                .singleElement()
                .satisfies(c -> assertThat(c.get("claimId")).isEqualTo(claimId));
        assertThat(billedEvents(encounterId, 1)).hasSize(1);
    }

    @Test
    void aClaimWithCoverageOrNotHeldIsRefusedAndOnlyBillersAndAdminsMayBill() throws Exception {
        String encounterId = "enc-selfpay-" + UUID.randomUUID();
        EncounterCoded coded = encounterCoded(encounterId, 1);
        coded.getProviders().getBilling().setNpi("1847362915"); // bad check digit: held, with coverage
        publish(coded);
        String covered = PipelineFixture.awaitCurrentClaim(jdbc, encounterId);
        await("claim held", () -> status(covered).equals("HELD"));

        ResponseEntity<Map<String, Object>> refused = billPatient("biller", covered, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat((String) refused.getBody().get("detail")).contains("coverage");
        assertThat(status(covered)).isEqualTo("HELD");

        String submittedEncounter = "enc-selfpay-" + UUID.randomUUID();
        publish(encounterCoded(submittedEncounter, 1));
        String submitted = PipelineFixture.awaitCurrentClaim(jdbc, submittedEncounter);
        await("claim submitted", () -> status(submitted).equals("SUBMITTED"));
        assertThat(billPatient("biller", submitted, Map.of()).getStatusCode().value())
                .isEqualTo(409);

        String selfPay = heldSelfPayClaim("enc-selfpay-" + UUID.randomUUID(), 1);
        assertThat(billPatient("auditor", selfPay, null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(billPatient("coder", selfPay, null).getStatusCode().value()).isEqualTo(403);
        assertThat(billPatient("biller", "clm-no-such-claim", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        ResponseEntity<Map<String, Object>> tooLong =
                billPatient("biller", selfPay, Map.of("reason", "x".repeat(2001)));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map<String, Object>> byAdmin = billPatient("admin", selfPay, null);
        assertThat(byAdmin.getStatusCode().value()).isEqualTo(200);
        assertThat(byAdmin.getBody()).containsEntry("reason", "self-pay: no coverage on the encounter");
        assertThat(status(selfPay)).isEqualTo("BILLED_TO_PATIENT");
    }

    @Test
    void aRecodedVisitBilledToThePatientAgainNamesTheClaimItReplaces() throws Exception {
        String encounterId = "enc-selfpay-" + UUID.randomUUID();
        String first = heldSelfPayClaim(encounterId, 1);
        assertThat(billPatient("biller", first, null).getStatusCode().value()).isEqualTo(200);

        String second = heldSelfPayClaim(encounterId, 2);
        assertThat(second).isNotEqualTo(first);
        assertThat(status(first)).isEqualTo("REPLACED");
        assertThat(billPatient("biller", second, null).getStatusCode().value()).isEqualTo(200);

        List<ClaimBilledToPatient> events = billedEvents(encounterId, 2);
        assertThat(events).extracting(ClaimBilledToPatient::getClaimId).containsExactly(first, second);
        assertThat(events.get(1).getReplacedClaimId()).isEqualTo(first);
        assertThat(events.get(1).getCodingVersion()).isEqualTo(2);
    }
}
