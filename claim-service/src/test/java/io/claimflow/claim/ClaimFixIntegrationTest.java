package io.claimflow.claim;

import static io.claimflow.claim.PipelineFixture.avro;
import static io.claimflow.claim.PipelineFixture.await;
import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import io.claimflow.testsupport.RestCalls;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

/**
 * Issue 21, item 2: a held claim's charges edited (history, total, refused in other states), a claim past the payer's
 * timely-filing limit released with a delay reason and its proof (ClaimSubmitted carries CLM20 and the note; other
 * holds still hold), and a timely-filing denial appealed with the proof claim-service assembles from the history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class ClaimFixIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    RestClient biller;

    @BeforeEach
    void client() {
        biller = as("biller");
    }

    RestClient as(String user) {
        return RestCalls.asDemoUser(port, user).client();
    }

    ResponseEntity<Map<String, Object>> call(HttpMethod method, String path, Object body) {
        return RestCalls.asDemoUser(port, "biller").json(method, path, body);
    }

    ResponseEntity<Map<String, Object>> raw(HttpMethod method, String path, String json) {
        return RestCalls.asDemoUser(port, "biller").json(method, path, json);
    }

    String status(String claimId) {
        return jdbc.sql("SELECT status FROM claim WHERE claim_id = ?")
                .param(claimId)
                .query(String.class)
                .single();
    }

    List<String> history(String claimId) {
        return jdbc.sql("SELECT actor_id || ': ' || reason FROM claim_status_history WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query(String.class)
                .list();
    }

    String publish(EncounterCoded event) throws Exception {
        kafka.send(Topics.ENCOUNTER_CODED, event.getEncounterId(), event).get(30, TimeUnit.SECONDS);
        return PipelineFixture.awaitCurrentClaim(jdbc, event.getEncounterId());
    }

    ClaimSubmitted submittedFor(String encounterId) {
        return Records.<ClaimSubmitted>awaitRecords(
                        Topics.CLAIM_SUBMITTED, 1, WAIT, avro(), r -> r.key().equals(encounterId))
                .get(0)
                .value();
    }

    /** An encounter whose date of service is {@code daysAgo} days before today (every line on it). */
    static EncounterCoded encounterOn(int daysAgo) {
        EncounterCoded coded = encounterCoded("enc-fix-" + UUID.randomUUID(), 1);
        LocalDate dos = LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo);
        coded.setDateOfService(dos);
        coded.getServiceLines().forEach(l -> l.setDateOfService(dos));
        return coded;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHeldClaimsChargesAndUnitsAreEditedWithHistoryAndTotalAndReleasedConsistently() throws Exception {
        EncounterCoded coded = encounterOn(10);
        coded.getProviders().getBilling().setNpi("1847362915"); // fails the check digit: held
        String claimId = publish(coded);
        await("claim held", () -> status(claimId).equals("HELD"));
        Map<String, Object> before =
                call(HttpMethod.GET, "/claims/" + claimId, null).getBody();
        List<Map<String, Object>> linesBefore = (List<Map<String, Object>>) before.get("lines");
        BigDecimal line1Before =
                new BigDecimal(String.valueOf(linesBefore.get(0).get("charge"))).setScale(2);
        BigDecimal unit2 = new BigDecimal(String.valueOf(linesBefore.get(1).get("unitPrice"))).setScale(2);

        // hostile and wrong input: 400, the input not echoed, nothing changed
        for (String bad : List.of(
                "{\"lines\":[{\"lineNumber\":1,\"charge\":12.345}]}",
                "{\"lines\":[{\"lineNumber\":1,\"charge\":0}]}",
                "{\"lines\":[{\"lineNumber\":1,\"charge\":-5.00}]}",
                "{\"lines\":[{\"lineNumber\":1,\"units\":0}]}",
                "{\"lines\":[{\"lineNumber\":1,\"units\":77777}]}",
                "{\"lines\":[{\"lineNumber\":9,\"charge\":55.55}]}",
                "{\"lines\":[{\"lineNumber\":1,\"charge\":55.55},{\"lineNumber\":1,\"units\":2}]}",
                "{\"lines\":[{\"lineNumber\":1}]}",
                "{\"lines\":[]}",
                "{\"lines\":[{\"lineNumber\":1,\"charge\":\"<script>x</script>\"}]}")) {
            ResponseEntity<Map<String, Object>> refused = raw(HttpMethod.PATCH, "/claims/" + claimId + "/lines", bad);
            assertThat(refused.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(String.valueOf(refused.getBody()))
                    .as(bad)
                    .doesNotContain("12.345", "77777", "55.55", "<script>", "-5.00");
        }
        assertThat(history(claimId)).noneMatch(h -> h.contains("charges edited"));

        ResponseEntity<Map<String, Object>> edited = call(
                HttpMethod.PATCH,
                "/claims/" + claimId + "/lines",
                Map.of(
                        "lines",
                        List.of(Map.of("lineNumber", 1, "charge", "210.50"), Map.of("lineNumber", 2, "units", 3))));
        assertThat(edited.getStatusCode().value()).isEqualTo(200);
        BigDecimal line2After = unit2.multiply(BigDecimal.valueOf(3)).setScale(2);
        BigDecimal total = new BigDecimal("210.50").add(line2After);
        assertThat(edited.getBody()).containsEntry("status", "HELD");
        assertThat(new BigDecimal(String.valueOf(edited.getBody().get("totalCharge"))))
                .isEqualByComparingTo(total);
        assertThat((List<Map<String, Object>>) edited.getBody().get("lines"))
                .extracting(l -> l.get("units"))
                .containsExactly(1, 3);
        // the history says who changed which line from what to what: line numbers and amounts only
        assertThat(history(claimId))
                .contains("biller: charges edited: line 1: units 1 -> 1, charge " + line1Before.toPlainString()
                        + " -> 210.50; line 2: units 1 -> 3, charge " + unit2.toPlainString() + " -> "
                        + line2After.toPlainString() + "; total "
                        + new BigDecimal(String.valueOf(before.get("totalCharge")))
                                .setScale(2)
                                .toPlainString()
                        + " -> " + total.toPlainString());
        Map<String, Object> audit = as("auditor")
                .get()
                .uri("/audit/records?resourceType=claim&resourceId={id}&user=biller", claimId)
                .retrieve()
                .body(JSON);
        assertThat((List<Map<String, Object>>) audit.get("records"))
                .anySatisfy(r -> assertThat(r).containsEntry("action", "claim.charges-edited"));

        // the scrubber runs again on release: still held for the NPI, the edit kept
        assertThat(call(HttpMethod.POST, "/claims/" + claimId + "/release", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(422);
        assertThat(call(HttpMethod.PATCH, "/claims/" + claimId, Map.of("billingNpi", "1234567893"))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        ResponseEntity<Map<String, Object>> released = call(HttpMethod.POST, "/claims/" + claimId + "/release", null);
        assertThat(released.getStatusCode().value()).isEqualTo(200);
        assertThat(released.getBody()).containsEntry("status", "SUBMITTED");
        ClaimSubmitted sent = submittedFor(coded.getEncounterId());
        assertThat(sent.getTotalCharge()).isEqualByComparingTo(total);
        assertThat(sent.getLines())
                .extracting(l -> l.getChargeAmount())
                .containsExactly(new BigDecimal("210.50"), line2After);
        assertThat(sent.getLines()).extracting(l -> l.getService().getUnits()).containsExactly(1, 3);
        assertThat(sent.getLines().stream().map(l -> l.getChargeAmount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(sent.getTotalCharge());
        assertThat(sent.getDelayReasonCode()).isNull();
        assertThat(sent.getClaimNote()).isNull();

        // a submitted claim's charges are not edited: 409, nothing changed
        ResponseEntity<Map<String, Object>> tooLate = call(
                HttpMethod.PATCH,
                "/claims/" + claimId + "/lines",
                Map.of("lines", List.of(Map.of("lineNumber", 1, "charge", "99.99"))));
        assertThat(tooLate.getStatusCode().value()).isEqualTo(409);
        assertThat((String) tooLate.getBody().get("detail"))
                .contains("HELD or REJECTED")
                .doesNotContain("99.99");
        assertThat(jdbc.sql("SELECT total_charge FROM claim WHERE claim_id = ?")
                        .param(claimId)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo(total);
        // a coder may not edit charges
        assertThat(as("coder")
                        .method(HttpMethod.PATCH)
                        .uri("/claims/" + claimId + "/lines")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("lines", List.of(Map.of("lineNumber", 1, "units", 2))))
                        .retrieve()
                        .onStatus(s -> true, (req, res) -> {})
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
    }

    @Test
    void aLateClaimIsReleasedWithItsDelayReasonAndProofAndOtherHoldsStillHold() throws Exception {
        EncounterCoded late = encounterOn(400);
        String claimId = publish(late);
        await("claim held", () -> status(claimId).equals("HELD"));
        assertThat(jdbc.sql("SELECT rule_id FROM claim_scrub_finding WHERE claim_id = ? AND resolved_at IS NULL")
                        .param(claimId)
                        .query(String.class)
                        .list())
                .containsExactly("TIMELY_FILING");

        Map<String, Object> proof = call(HttpMethod.GET, "/claims/" + claimId + "/timely-filing", null)
                .getBody();
        assertThat(proof).containsEntry("pastDeadline", true).containsEntry("proofNote", null);
        assertThat(String.valueOf(proof.get("delayReasons"))).contains("code=7", "Third party processing delay");

        // an unknown code, a note an 837 cannot carry, no note and no history to assemble one from: 400
        assertThat(call(HttpMethod.POST, "/claims/" + claimId + "/late-release", Map.of("delayReasonCode", "12"))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        ResponseEntity<Map<String, Object>> separators = call(
                HttpMethod.POST,
                "/claims/" + claimId + "/late-release",
                Map.of("delayReasonCode", "7", "claimNote", "proof~NTE*XX*evil"));
        assertThat(separators.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(separators.getBody())).doesNotContain("evil");
        assertThat(call(HttpMethod.POST, "/claims/" + claimId + "/late-release", Map.of("delayReasonCode", "7"))
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(status(claimId)).isEqualTo("HELD");

        String note = "orig 999 accepted 2025-10-05 ICN 2025278000123";
        ResponseEntity<Map<String, Object>> released = call(
                HttpMethod.POST,
                "/claims/" + claimId + "/late-release",
                Map.of("delayReasonCode", "7", "claimNote", note));
        assertThat(released.getStatusCode().value()).isEqualTo(200);
        assertThat(released.getBody()).containsEntry("status", "SUBMITTED");
        ClaimSubmitted sent = submittedFor(late.getEncounterId());
        assertThat(sent.getDelayReasonCode()).isEqualTo("7");
        assertThat(sent.getClaimNote()).isEqualTo(note);
        assertThat(history(claimId))
                .anyMatch(h -> h.equals("biller: filed late with delay reason 7 (Third party processing delay)"));

        // late and a bad NPI: the delay reason passes the timely-filing rule only; 422, nothing stored
        EncounterCoded lateAndWrong = encounterOn(400);
        lateAndWrong.getProviders().getBilling().setNpi("1847362915");
        String wrongId = publish(lateAndWrong);
        await("claim held", () -> status(wrongId).equals("HELD"));
        ResponseEntity<Map<String, Object>> stillHeld = call(
                HttpMethod.POST,
                "/claims/" + wrongId + "/late-release",
                Map.of("delayReasonCode", "11", "claimNote", "payer portal outage"));
        assertThat(stillHeld.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(stillHeld.getBody()))
                .contains("NPI_CHECK_DIGIT")
                .doesNotContain("TIMELY_FILING");
        assertThat(status(wrongId)).isEqualTo("HELD");
        assertThat(jdbc.sql("SELECT delay_reason_code FROM claim WHERE claim_id = ?")
                        .param(wrongId)
                        .query(String.class)
                        .optional())
                .isEmpty();

        // a claim within its window is released without a delay reason: 409
        EncounterCoded inTime = encounterOn(5);
        inTime.getProviders().getBilling().setNpi("1847362915");
        String inTimeId = publish(inTime);
        await("claim held", () -> status(inTimeId).equals("HELD"));
        assertThat(call(
                                HttpMethod.POST,
                                "/claims/" + inTimeId + "/late-release",
                                Map.of("delayReasonCode", "7", "claimNote", "x"))
                        .getStatusCode()
                        .value())
                .isEqualTo(409);
    }

    @Test
    void theProofIsAssembledFromTheHistoryAndOfferedAsTheLateClaimsNote() throws Exception {
        EncounterCoded late = encounterOn(400);
        String claimId = publish(late);
        await("claim held", () -> status(claimId).equals("HELD"));
        // as if the claim had gone out in time and come back rejected (the payer's claim number known)
        jdbc.sql("UPDATE claim SET submitted_at = timestamptz '2025-11-03 14:00:00+00', payer_claim_number = ?"
                        + " WHERE claim_id = ?")
                .params("2025307000451", claimId)
                .update();
        Map<String, Object> proof = call(HttpMethod.GET, "/claims/" + claimId + "/timely-filing", null)
                .getBody();
        String expected = "orig filed 2025-11-03 payer ICN 2025307000451 claim " + claimId;
        assertThat(proof)
                .containsEntry("firstSubmittedOn", "2025-11-03")
                .containsEntry("firstClaimId", claimId)
                .containsEntry("payerClaimNumber", "2025307000451")
                .containsEntry("proofNote", expected);
        assertThat(expected.length()).isLessThanOrEqualTo(80);

        ResponseEntity<Map<String, Object>> released =
                call(HttpMethod.POST, "/claims/" + claimId + "/late-release", Map.of("delayReasonCode", "9"));
        assertThat(released.getStatusCode().value()).isEqualTo(200);
        ClaimSubmitted sent = submittedFor(late.getEncounterId());
        assertThat(sent.getDelayReasonCode()).isEqualTo("9");
        assertThat(sent.getClaimNote()).isEqualTo(expected);
    }

    /**
     * A claim past the limit that was never sent before goes out late with a delay reason and the biller's note; the
     * payer still denies it for timely filing (CARC 29). Its proof is not "originally filed" on the late release's
     * own date (that proves the lateness): it is the delay reason and the note the claim was released with, offered
     * by the timely-filing view and carried by the appeal.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aLateClaimNeverSentBeforeIsAppealedWithItsDelayReasonAndNoteAsProof() throws Exception {
        EncounterCoded late = encounterOn(400);
        String claimId = publish(late);
        await("claim held", () -> status(claimId).equals("HELD"));
        String note = "retro eligibility coverage confirmed 2026-03-02";
        assertThat(call(
                                HttpMethod.POST,
                                "/claims/" + claimId + "/late-release",
                                Map.of("delayReasonCode", "7", "claimNote", note))
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
        deniedForTimelyFiling(late, claimId);

        String expected = "filed late, delay reason 7, " + note;
        Map<String, Object> proof = call(HttpMethod.GET, "/claims/" + claimId + "/timely-filing", null)
                .getBody();
        assertThat(proof)
                .containsEntry("deniedForTimelyFiling", true)
                .containsEntry("delayReasonCode", "7")
                .containsEntry("proofNote", expected);

        ResponseEntity<Map<String, Object>> appealed =
                call(HttpMethod.POST, "/claims/" + claimId + "/appeals", Map.of("notes", "filed late for cause"));
        assertThat(appealed.getStatusCode().value()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) appealed.getBody().get("appeals"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("timelyFilingProof", expected));
    }

    void deniedForTimelyFiling(EncounterCoded coded, String claimId) throws Exception {
        ClaimDenied denial = io.claimflow.schemas.json.Samples.load(ClaimDenied.class);
        denial.setEventId(UUID.randomUUID().toString());
        denial.setEncounterId(coded.getEncounterId());
        denial.setClaimId(claimId);
        denial.setPayerClaimNumber("ICN-" + claimId.substring(4));
        denial.setCategory(io.claimflow.events.DenialCategory.OTHER);
        denial.getLines()
                .get(0)
                .setAdjustments(List.of(new Adjustment(AdjustmentGroupCode.CO, "29", new BigDecimal("45.00"))));
        denial.getLines().get(0).setRemarkCodes(List.of());
        kafka.send(Topics.CLAIM_DENIED, coded.getEncounterId(), denial).get(30, TimeUnit.SECONDS);
        await("denied", () -> status(claimId).equals("DENIED"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTimelyFilingDenialIsAppealedWithTheProofOfTimelyFiling() throws Exception {
        EncounterCoded coded = encounterOn(20);
        String claimId = publish(coded);
        await("submitted", () -> status(claimId).equals("SUBMITTED"));
        ClaimDenied denial = io.claimflow.schemas.json.Samples.load(ClaimDenied.class);
        denial.setEventId(UUID.randomUUID().toString());
        denial.setEncounterId(coded.getEncounterId());
        denial.setClaimId(claimId);
        denial.setPayerClaimNumber("ICN-" + claimId.substring(4));
        denial.setCategory(io.claimflow.events.DenialCategory.OTHER);
        denial.getLines()
                .get(0)
                .setAdjustments(List.of(new Adjustment(AdjustmentGroupCode.CO, "29", new BigDecimal("45.00"))));
        denial.getLines().get(0).setRemarkCodes(List.of());
        kafka.send(Topics.CLAIM_DENIED, coded.getEncounterId(), denial).get(30, TimeUnit.SECONDS);
        await("denied", () -> status(claimId).equals("DENIED"));

        Map<String, Object> proof = call(HttpMethod.GET, "/claims/" + claimId + "/timely-filing", null)
                .getBody();
        String expected = "orig filed " + LocalDate.now(ZoneOffset.UTC) + " payer ICN ICN-" + claimId.substring(4)
                + " claim " + claimId;
        assertThat(proof).containsEntry("deniedForTimelyFiling", true).containsEntry("proofNote", expected);

        ResponseEntity<Map<String, Object>> appealed = call(
                HttpMethod.POST,
                "/claims/" + claimId + "/appeals",
                Map.of("notes", "filed within the limit; see proof"));
        assertThat(appealed.getStatusCode().value()).isEqualTo(200);
        assertThat(appealed.getBody()).containsEntry("status", "APPEALED");
        assertThat((List<Map<String, Object>>) appealed.getBody().get("appeals"))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("timelyFilingProof", expected));
        assertThat(history(claimId)).contains("biller: appeal filed with proof of timely filing");
    }
}
