package io.claimflow.adjudication;

import static io.claimflow.adjudication.GatewayLifecycleTest.ack277;
import static io.claimflow.adjudication.GatewayLifecycleTest.claim;
import static io.claimflow.adjudication.GatewayLifecycleTest.era;
import static io.claimflow.adjudication.GatewayLifecycleTest.next;
import static io.claimflow.adjudication.GatewayLifecycleTest.paid;
import static io.claimflow.adjudication.GatewayLifecycleTest.withMember;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PaymentPosted;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Issue 21 item 3, remittance work. A deposit shows each claim's and each line's adjudication (CAS group, CARC,
 * amount; RARCs) as the payer sent it, without the member id. A biller matches an 835 claim (CLP) that matched no claim to a claim by hand. The match is checked
 * (the claim is known, of the practice named and of the deposit's practice, waits for a payer answer, and the CLP's
 * amounts fit the claim and balance) and then posted exactly as an automatic match (PaymentPosted / ClaimDenied
 * through the outbox, the claim's status, the deposit's claim), audited with the biller's name; a CLP matched or
 * posted before is never posted again (409). Same context and database as {@link GatewayLifecycleTest}; payer files
 * written there from the 5010 guides' rules.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "claimflow.adjudication.scheduling.enabled=false",
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.consumer.group-id=adjudication-gateway-lifecycle-test",
            "claimflow.outbox.poll-interval=1h"
        })
@ClaimFlowInfrastructure(database = "claimflow_adjudication_lifecycle")
class RemittanceWorkTest extends GatewayLifecycleFixture {

    @Test
    void aBillerMatchesAnUnmatchedPaymentByHandAndItIsPostedOnceAsAnAutomaticMatchWouldBe() {
        ClaimSubmitted claim = sentAndAccepted();
        String trace = "EFT" + next();
        long id = unmatchedPayment(claim, trace, "1");
        assertThat(payments(claim)).isEmpty();

        ResponseEntity<Map<String, Object>> matched = match(as("biller", "demo-biller"), id, claim, "riverside-fm");

        assertThat(matched.getStatusCode().value()).isEqualTo(200);
        assertThat(matched.getBody())
                .containsEntry("claimId", claim.getClaimId())
                .containsEntry("outcome", "PAID")
                .containsEntry("matchedBy", "MANUAL")
                .containsEntry("matchedByUser", "biller");
        List<PaymentPosted> payments = payments(claim);
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).getPaidAmount()).isEqualByComparingTo("150.00");
        assertThat(payments.get(0).getTraceNumber()).isEqualTo(trace);
        assertThat(payments.get(0).getPatientResponsibility().getCopay()).isEqualByComparingTo("25.00");
        assertThat(payments.get(0).getLines()).hasSize(2);
        assertThat(status(claim)).isEqualTo("PAID");
        assertThat(unmatchedIds()).doesNotContain(id);
        Map<String, Object> clp = depositClaims(trace).get(0);
        assertThat(clp)
                .containsEntry("claimId", claim.getClaimId())
                .containsEntry("outcome", "PAID")
                .containsEntry("matchedBy", "MANUAL")
                .containsEntry("matchedByUser", "biller");
        assertThat(jdbc.sql("SELECT username FROM claimflow_platform.audit_record WHERE action = 'remittance.matched'"
                                + " AND resource_type = 'remittance-claim' AND resource_id = ?")
                        .param(Long.toString(id))
                        .query(String.class)
                        .list())
                .containsExactly("biller");
        assertThat(history(claim)).contains("MATCHED_BY_HAND").contains("835");

        // matched twice (a second click, another biller): 409, nothing posted again
        ResponseEntity<Map<String, Object>> again = match(as("biller", "demo-biller"), id, claim, "riverside-fm");
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(String.valueOf(again.getBody().get("detail")))
                .contains("was matched before")
                .contains(claim.getClaimId());
        assertThat(payments(claim)).hasSize(1);
    }

    @Test
    void aDenialMatchedByHandPublishesClaimDenied() {
        ClaimSubmitted claim = sentAndAccepted();
        long id = unmatchedPayment(claim, "EFT" + next(), "4");

        ResponseEntity<Map<String, Object>> matched = match(as("admin", "demo-admin"), id, claim, "riverside-fm");

        assertThat(matched.getStatusCode().value()).isEqualTo(200);
        assertThat(matched.getBody()).containsEntry("outcome", "DENIED");
        assertThat(denials(claim)).hasSize(1);
        assertThat(payments(claim)).isEmpty();
        assertThat(status(claim)).isEqualTo("DENIED");
    }

    @Test
    void aPaymentPostedAutomaticallyCannotBeMatchedByHand() {
        ClaimSubmitted claim = sentAndAccepted();
        String trace = "EFT" + next();
        receive(era(trace, List.of(paid(claim, claim.getPatientControlNumber(), "1", 1)), List.of()));
        long posted = jdbc.sql("SELECT c.id FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id"
                        + " WHERE r.trace_number = ?")
                .param(trace)
                .query(Long.class)
                .single();

        ResponseEntity<Map<String, Object>> answer = match(as("biller", "demo-biller"), posted, claim, "riverside-fm");

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(String.valueOf(answer.getBody().get("detail"))).contains("was matched before");
        assertThat(payments(claim)).hasSize(1);
    }

    @Test
    void aMatchThatDoesNotFitIsRefusedWithItsReasonAndPostsNothing() {
        ClaimSubmitted claim = sentAndAccepted();
        long id = unmatchedPayment(claim, "EFT" + next(), "1");
        RestClient biller = as("biller", "demo-biller");

        // another practice's claim, or the wrong practice named
        assertThat(match(biller, id, claim, "lakeside-peds").getStatusCode().value())
                .isEqualTo(422);
        // a claim the gateway does not hold
        ClaimSubmitted unknown = claim("BHP884120337");
        ResponseEntity<Map<String, Object>> noClaim = match(biller, id, unknown, "riverside-fm");
        assertThat(noClaim.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(noClaim.getBody().get("detail"))).contains(unknown.getClaimId());
        // a claim whose charge is not the CLP's (the CLP charges 210.00)
        ClaimSubmitted other = claim("BHP884120337");
        other.getLines().get(0).setChargeAmount(new BigDecimal("175.00"));
        other.setTotalCharge(new BigDecimal("220.00"));
        submit(other);
        assembler.assemble(GatewayLifecycleTest.PAYER).orElseThrow();
        ResponseEntity<Map<String, Object>> charge = match(biller, id, other, "riverside-fm");
        assertThat(charge.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(charge.getBody().get("detail")))
                .contains("210.00")
                .contains("220.00");
        // a claim with its answer already (paid): matching would post it twice
        ClaimSubmitted answered = sentAndAccepted();
        receive(era("EFT" + next(), List.of(paid(answered, answered.getPatientControlNumber(), "1", 1)), List.of()));
        ResponseEntity<Map<String, Object>> paidBefore = match(biller, id, answered, "riverside-fm");
        assertThat(paidBefore.getStatusCode().value()).isEqualTo(409);
        assertThat(String.valueOf(paidBefore.getBody().get("detail"))).contains("PAID");
        // a claim not sent to the payer yet
        ClaimSubmitted queued = claim("BHP884120337");
        submit(queued);
        assertThat(match(biller, id, queued, "riverside-fm").getStatusCode().value())
                .isEqualTo(409);
        // no such remittance claim; a coder may not match
        assertThat(match(biller, 999_999_999L, claim, "riverside-fm")
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(match(as("coder", "demo-coder"), id, claim, "riverside-fm")
                        .getStatusCode()
                        .value())
                .isEqualTo(403);

        assertThat(payments(claim)).isEmpty();
        assertThat(payments(answered)).hasSize(1);
        assertThat(unmatchedIds()).contains(id);
        assertThat(status(claim)).isEqualTo("ACCEPTED");
    }

    @Test
    void aDepositOfOnePracticeIsNotMatchedToAnotherPracticesClaim() {
        ClaimSubmitted ours = sentAndAccepted();
        ClaimSubmitted theirs = claim("BHP884120337");
        theirs.setTenantId("lakeside-peds");
        submit(theirs);
        assembler.assemble(GatewayLifecycleTest.PAYER).orElseThrow();
        accept999(theirs);
        receive(ack277(theirs, true));
        // one ERA: our claim matched by CLP01, the other CLP matching nothing
        String trace = "EFT" + next();
        List<String> stray = withMember(paid(theirs, "GARBLED" + next(), "1", 1), "NOSUCHMEMBER");
        stray = garbleCLP07(stray, theirs);
        receive(era(trace, List.of(paid(ours, ours.getPatientControlNumber(), "1", 1), stray), List.of()));
        long id = jdbc.sql("SELECT c.id FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id"
                        + " WHERE r.trace_number = ? AND c.claim_id IS NULL")
                .param(trace)
                .query(Long.class)
                .single();

        ResponseEntity<Map<String, Object>> answer = match(as("biller", "demo-biller"), id, theirs, "lakeside-peds");

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(answer.getBody().get("detail"))).contains("riverside-fm");
        assertThat(payments(theirs)).isEmpty();
    }

    @Test
    void theBodyIsValidated() {
        ClaimSubmitted claim = sentAndAccepted();
        long id = unmatchedPayment(claim, "EFT" + next(), "1");
        ResponseEntity<Map<String, Object>> answer = as("biller", "demo-biller")
                .post()
                .uri("/api/adjudication/remittances/unmatched/{id}/match", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("claimId", "<script>", "tenantId", "riverside-fm"))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(String.valueOf(answer.getBody())).doesNotContain("<script>");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDepositShowsEachClaimsAndLinesAdjustmentsAndRemarkCodes() {
        ClaimSubmitted claim = sentAndAccepted();
        String pcn = claim.getPatientControlNumber();
        String trace = "EFT" + next();
        // 99214 paid 120 (CO-45 20, PR-3 25), 83036 denied CO-16 with RARC M119 (45); claim-level RARC MA130
        receive(era(
                trace,
                List.of(List.of(
                        "CLP*" + pcn + "*1*210*120*25*12*PCN-" + pcn + "*11*1",
                        "NM1*QC*1*WHITFIELD*ELEANOR****MI*BHP884120337",
                        "MOA***MA130",
                        "SVC*HC:99214:25*165*120**1",
                        "DTM*472*" + GatewayLifecycleTest.dos(claim),
                        "CAS*CO*45*20",
                        "CAS*PR*3*25",
                        "REF*6R*" + claim.getClaimId() + "-1",
                        "AMT*B6*145",
                        "SVC*HC:83036*45*0**1",
                        "DTM*472*" + GatewayLifecycleTest.dos(claim),
                        "CAS*CO*16*45",
                        "REF*6R*" + claim.getClaimId() + "-2",
                        "LQ*HE*M119")),
                List.of()));

        Map<String, Object> clp = depositClaims(trace).get(0);

        assertThat(clp).containsEntry("adjudicationKept", true).containsEntry("outcome", "PARTIALLY_DENIED");
        assertThat((List<String>) clp.get("remarkCodes")).containsExactly("MA130");
        List<Map<String, Object>> lines = (List<Map<String, Object>>) clp.get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .containsEntry("procedureCode", "99214")
                .containsEntry("modifiers", List.of("25"))
                .containsEntry("lineItemControlNumber", claim.getClaimId() + "-1");
        assertThat(new BigDecimal(String.valueOf(lines.get(0).get("allowed")))).isEqualByComparingTo("145");
        assertThat((List<Map<String, Object>>) lines.get(0).get("adjustments"))
                .extracting(a -> a.get("group") + "-" + a.get("reasonCode") + " "
                        + new BigDecimal(String.valueOf(a.get("amount")))
                                .stripTrailingZeros()
                                .toPlainString())
                .containsExactly("CO-45 20", "PR-3 25");
        assertThat((List<Map<String, Object>>) lines.get(1).get("adjustments"))
                .extracting(a -> a.get("group") + "-" + a.get("reasonCode"))
                .containsExactly("CO-16");
        assertThat((List<String>) lines.get(1).get("remarkCodes")).containsExactly("M119");
        assertThat(clp.toString()).doesNotContain("BHP884120337").doesNotContain("WHITFIELD");
    }

    // ---- helpers ----

    /** An 835 whose CLP names neither the claim's CLP01, nor its CLP07, nor its member: kept unmatched. */
    long unmatchedPayment(ClaimSubmitted claim, String trace, String status) {
        List<String> clp = withMember(paid(claim, "GARBLED" + next(), status, 1), "NOSUCHMEMBER");
        clp = garbleCLP07(clp, claim);
        if (status.equals("4")) {
            // denied: nothing paid, CO-50 (not medically necessary) instead of the payments
            clp = List.of(
                    clp.get(0).replace("*210*150*25*", "*210*0*0*"),
                    clp.get(1),
                    "SVC*HC:99214*165*0**1",
                    "CAS*CO*50*165",
                    "REF*6R*" + claim.getClaimId() + "-1",
                    "SVC*HC:83036*45*0**1",
                    "CAS*CO*50*45",
                    "REF*6R*" + claim.getClaimId() + "-2");
        }
        assertThat(receive(era(trace, List.of(clp), List.of())).detail()).contains("1 unmatched");
        return jdbc.sql("SELECT c.id FROM remittance_claim c JOIN remittance r ON r.id = c.remittance_id"
                        + " WHERE r.trace_number = ? AND c.claim_id IS NULL")
                .param(trace)
                .query(Long.class)
                .single();
    }

    static List<String> garbleCLP07(List<String> clp, ClaimSubmitted claim) {
        List<String> copy = new ArrayList<>(clp);
        copy.set(0, copy.get(0).replace("*PCN-" + claim.getPatientControlNumber() + "*", "*UNKNOWN" + next() + "*"));
        return copy;
    }

    ResponseEntity<Map<String, Object>> match(RestClient client, long id, ClaimSubmitted claim, String tenant) {
        return client.post()
                .uri("/api/adjudication/remittances/unmatched/{id}/match", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("claimId", claim.getClaimId(), "tenantId", tenant))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() {});
    }

    RestClient as(String user, String password) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
    }

    List<Long> unmatchedIds() {
        List<Map<String, Object>> rows = as("biller", "demo-biller")
                .get()
                .uri("/api/adjudication/remittances/unmatched?limit=1000")
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return rows.stream()
                .map(r -> ((Number) r.get("remittanceClaimId")).longValue())
                .toList();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> depositClaims(String trace) {
        RestClient admin = as("admin", "demo-admin");
        List<Map<String, Object>> found = admin.get()
                .uri("/api/adjudication/remittances?traceNumber={t}", trace)
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        Map<String, Object> deposit = admin.get()
                .uri("/api/adjudication/remittances/{id}", found.get(0).get("id"))
                .retrieve()
                .body(new ParameterizedTypeReference<>() {});
        return (List<Map<String, Object>>) deposit.get("claims");
    }

    String history(ClaimSubmitted claim) {
        return as("admin", "demo-admin")
                .get()
                .uri("/api/adjudication/claims/{id}/x12-history", claim.getClaimId())
                .retrieve()
                .body(String.class);
    }

    ClaimSubmitted sentAndAccepted() {
        ClaimSubmitted claim = claim("BHP884120337");
        submit(claim);
        assembler.assemble(GatewayLifecycleTest.PAYER).orElseThrow();
        accept999(claim);
        receive(ack277(claim, true));
        assertThat(status(claim)).isEqualTo("ACCEPTED");
        return claim;
    }
}
