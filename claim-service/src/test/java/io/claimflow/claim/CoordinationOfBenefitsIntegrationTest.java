package io.claimflow.claim;

import static io.claimflow.claim.PipelineFixture.avro;
import static io.claimflow.claim.PipelineFixture.await;
import static io.claimflow.claim.PipelineFixture.awaitConsumed;
import static io.claimflow.claim.PipelineFixture.codingDenial;
import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static io.claimflow.claim.PipelineFixture.fullPayment;
import static io.claimflow.claim.PipelineFixture.submitted;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimLine;
import io.claimflow.events.ClaimStatus;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.Coverage;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.PatientResponsibility;
import io.claimflow.events.Payer;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.PriorPayerAdjudication;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;

/**
 * Coordination of benefits over real Kafka, the schema registry and PostgreSQL: the primary's PaymentPosted naming the
 * secondary payer publishes the secondary claim (once, however often the remittance comes), the secondary's answer
 * settles the visit to the cent, and a crossover waits for the secondary's remittance on the same claim.
 *
 * <p>The sample visit, 210.00. Primary BKHP1 (the fixture's full payment): paid 141.05, CO 39.54, PR 29.41. Secondary
 * MCD01: line 1 paid 20.00, OA-23 140.00, PR-3 5.00; line 2 paid 4.41, OA-23 40.59.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class CoordinationOfBenefitsIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final Payer MEDICAID =
            Payer.newBuilder().setPayerId("MCD01").setName("Ohio Medicaid").build();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    RecordMetadata send(String topic, String key, Object event) throws Exception {
        return kafka.send(topic, key, event).get(30, TimeUnit.SECONDS).getRecordMetadata();
    }

    String status(String claimId) {
        return jdbc.sql("SELECT status FROM claim WHERE claim_id = ?")
                .param(claimId)
                .query(String.class)
                .single();
    }

    int outboxRows(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE topic = ? AND key = ?")
                .params(Topics.CLAIM_SUBMITTED, encounterId)
                .query(Integer.class)
                .single();
    }

    Map<String, Object> claim(String claimId) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("biller:demo-biller".getBytes(StandardCharsets.UTF_8)))
                .build()
                .get()
                .uri("/claims/" + claimId)
                .retrieve()
                .body(JSON);
    }

    /** The sample encounter with a secondary coverage (Medicaid) besides the primary. */
    static EncounterCoded withSecondary(String encounterId) {
        EncounterCoded coded = encounterCoded(encounterId, 1);
        Coverage primary = coded.getCoverages().get(0);
        Coverage medicaid = Coverage.newBuilder(primary)
                .setResponsibility(PayerResponsibility.SECONDARY)
                .setPayer(MEDICAID)
                .setGroupNumber(null)
                .setGroupName(null)
                .setClaimFilingIndicator("MC")
                .build();
        medicaid.getSubscriber().setMemberId("MCD5550001");
        // listed first on purpose: the payment order is the responsibility, not the listing
        coded.setCoverages(List.of(medicaid, primary));
        return coded;
    }

    static PaymentPosted primaryPaid(ClaimSubmitted claim, ClaimStatus status) {
        PaymentPosted paid = fullPayment(claim, "ICN-P-" + claim.getClaimId(), "EFT-P-" + claim.getClaimId());
        paid.setClaimStatus(status);
        paid.setClaimStatusCode(status == ClaimStatus.PROCESSED_AS_PRIMARY ? "1" : "19");
        paid.setNextPayer(MEDICAID);
        return paid;
    }

    static PaymentPosted secondaryPaid(ClaimSubmitted primary, String claimId, String pcn) {
        PaymentPosted paid = fullPayment(primary, "ICN-S-" + claimId, "EFT-S-" + claimId);
        paid.setClaimId(claimId);
        paid.setPatientControlNumber(pcn);
        paid.setPayer(MEDICAID);
        paid.setClaimStatus(ClaimStatus.PROCESSED_AS_SECONDARY);
        paid.setClaimStatusCode("2");
        paid.setPaidAmount(new BigDecimal("24.41"));
        paid.setPatientResponsibility(new PatientResponsibility(
                new BigDecimal("0.00"),
                new BigDecimal("0.00"),
                new BigDecimal("5.00"),
                new BigDecimal("0.00"),
                new BigDecimal("5.00")));
        paid.setContractualAdjustment(new BigDecimal("0.00"));
        paid.setNextPayer(null);
        LineAdjudication visit = paid.getLines().get(0);
        visit.setLineItemControlNumber(claimId + "-1");
        visit.setPaidAmount(new BigDecimal("20.00"));
        visit.setAdjustments(List.of(
                new Adjustment(AdjustmentGroupCode.OA, "23", new BigDecimal("140.00")),
                new Adjustment(AdjustmentGroupCode.PR, "3", new BigDecimal("5.00"))));
        LineAdjudication a1c = paid.getLines().get(1);
        a1c.setLineItemControlNumber(claimId + "-2");
        a1c.setPaidAmount(new BigDecimal("4.41"));
        a1c.setAdjustments(List.of(new Adjustment(AdjustmentGroupCode.OA, "23", new BigDecimal("40.59"))));
        return paid;
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePrimarysPaymentBillsTheSecondaryOnceAndTheSecondarysPaymentSettlesTheVisitToTheCent() throws Exception {
        String encounterId = "enc-cob-" + UUID.randomUUID();
        send(Topics.ENCOUNTER_CODED, encounterId, withSecondary(encounterId));
        ClaimSubmitted primary = submitted(encounterId, 1).get(0);
        assertThat(primary.getCoverage().getPayer().getPayerId()).isEqualTo("BKHP1");
        assertThat(primary.getOtherCoverages())
                .extracting(c -> c.getPayer().getPayerId())
                .containsExactly("MCD01");
        assertThat(primary.getPriorPayerAdjudications()).isEmpty();

        PaymentPosted paid = primaryPaid(primary, ClaimStatus.PROCESSED_AS_PRIMARY);
        send(Topics.PAYMENT_POSTED, encounterId, paid);
        send(Topics.PAYMENT_POSTED, encounterId, paid); // redelivered
        paid.setEventId(UUID.randomUUID().toString()); // the same remittance under another event
        awaitConsumed(send(Topics.PAYMENT_POSTED, encounterId, paid));

        List<ClaimSubmitted> both = submitted(encounterId, 2);
        ClaimSubmitted secondary = both.get(1);
        assertThat(outboxRows(encounterId)).as("one secondary claim").isEqualTo(2);
        assertThat(secondary.getClaimId()).isNotEqualTo(primary.getClaimId());
        assertThat(secondary.getPatientControlNumber()).isNotEqualTo(primary.getPatientControlNumber());
        assertThat(secondary.getFrequency()).isEqualTo(ClaimFrequency.ORIGINAL);
        assertThat(secondary.getCoverage().getPayer().getPayerId()).isEqualTo("MCD01");
        assertThat(secondary.getCoverage().getSubscriber().getMemberId()).isEqualTo("MCD5550001");
        assertThat(secondary.getOtherCoverages())
                .extracting(c -> c.getPayer().getPayerId())
                .containsExactly("BKHP1");
        assertThat(secondary.getLines())
                .extracting(ClaimLine::getChargeAmount)
                .containsExactlyElementsOf(primary.getLines().stream()
                        .map(ClaimLine::getChargeAmount)
                        .toList());
        assertThat(secondary.getTotalCharge()).isEqualTo(primary.getTotalCharge());
        PriorPayerAdjudication prior = secondary.getPriorPayerAdjudications().get(0);
        assertThat(secondary.getPriorPayerAdjudications()).hasSize(1);
        assertThat(prior.getResponsibility()).isEqualTo(PayerResponsibility.PRIMARY);
        assertThat(prior.getPayer().getPayerId()).isEqualTo("BKHP1");
        assertThat(prior.getPayerClaimNumber()).isEqualTo("ICN-P-" + primary.getClaimId());
        assertThat(prior.getPaidAmount()).isEqualTo(new BigDecimal("141.05"));
        assertThat(prior.getRemainingPatientLiability()).isEqualTo(new BigDecimal("29.41"));
        assertThat(prior.getLines()).extracting(LineAdjudication::getLineNumber).containsExactly(1, 2);
        assertThat(prior.getLines().get(0).getAdjustments())
                .extracting(a -> a.getGroupCode() + "-" + a.getReasonCode() + " " + a.getAmount())
                .containsExactly("CO-45 36.26", "PR-3 25.00");
        assertThat(status(primary.getClaimId())).isEqualTo("CLOSED");
        assertThat(status(secondary.getClaimId())).isEqualTo("SUBMITTED");

        Map<String, Object> primaryView = claim(primary.getClaimId());
        assertThat((List<String>) primaryView.get("nextPayerClaimIds")).containsExactly(secondary.getClaimId());
        assertThat(((Map<String, Object>) primaryView.get("visit")).get("settled"))
                .isEqualTo(false);

        awaitConsumed(send(
                Topics.PAYMENT_POSTED,
                encounterId,
                secondaryPaid(primary, secondary.getClaimId(), secondary.getPatientControlNumber())));

        assertThat(status(secondary.getClaimId())).isEqualTo("CLOSED");
        Map<String, Object> secondaryView = claim(secondary.getClaimId());
        assertThat(secondaryView.get("priorPayerClaimId")).isEqualTo(primary.getClaimId());
        assertThat(secondaryView.get("payerSequence")).isEqualTo(2);
        Map<String, Object> visit = (Map<String, Object>) secondaryView.get("visit");
        assertThat(visit.get("settled")).isEqualTo(true);
        assertThat(new BigDecimal(visit.get("charge").toString())).isEqualByComparingTo("210.00");
        assertThat(new BigDecimal(visit.get("paid").toString())).isEqualByComparingTo("165.46");
        assertThat(new BigDecimal(visit.get("contractual").toString())).isEqualByComparingTo("39.54");
        assertThat(new BigDecimal(visit.get("patientShare").toString())).isEqualByComparingTo("5.00");
        assertThat(new BigDecimal(visit.get("open").toString())).isEqualByComparingTo("0.00");
    }

    @Test
    void aForwardedClaimBuildsNoSecondClaimAndWaitsForTheSecondarysRemittanceOnTheSameClaim() throws Exception {
        String encounterId = "enc-cob-x-" + UUID.randomUUID();
        send(Topics.ENCOUNTER_CODED, encounterId, withSecondary(encounterId));
        ClaimSubmitted primary = submitted(encounterId, 1).get(0);

        awaitConsumed(send(
                Topics.PAYMENT_POSTED, encounterId, primaryPaid(primary, ClaimStatus.PROCESSED_AS_PRIMARY_FORWARDED)));

        assertThat(status(primary.getClaimId())).isEqualTo("CROSSED_OVER");
        assertThat(outboxRows(encounterId)).isEqualTo(1);

        awaitConsumed(send(
                Topics.PAYMENT_POSTED,
                encounterId,
                secondaryPaid(primary, primary.getClaimId(), primary.getPatientControlNumber())));

        await(
                "closed by the secondary's remittance",
                () -> status(primary.getClaimId()).equals("CLOSED"));
        assertThat(outboxRows(encounterId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT paid_amount || '/' || patient_responsibility || '/' || adjusted_amount FROM claim"
                                + " WHERE claim_id = ?")
                        .param(primary.getClaimId())
                        .query(String.class)
                        .single())
                .isEqualTo("165.46/5.00/39.54");
    }

    @Test
    void aSecondarysCodingDenialIsRoutedLikeAPrimarysAndItsCorrectedClaimCarriesTheNewPrimaryAdjudication()
            throws Exception {
        String encounterId = "enc-cob-d-" + UUID.randomUUID();
        send(Topics.ENCOUNTER_CODED, encounterId, withSecondary(encounterId));
        ClaimSubmitted primary = submitted(encounterId, 1).get(0);
        send(Topics.PAYMENT_POSTED, encounterId, primaryPaid(primary, ClaimStatus.PROCESSED_AS_PRIMARY));
        ClaimSubmitted secondary = submitted(encounterId, 2).get(1);

        send(Topics.CLAIM_DENIED, encounterId, codingDenial(secondary, "ICN-S-" + secondary.getClaimId()));

        await(
                "the secondary's denial sent back to coding",
                () -> status(secondary.getClaimId()).equals("RECODE_REQUESTED"));
        assertThat(Records.<RecodeRequested>awaitRecords(
                                Topics.RECODE_REQUESTED,
                                1,
                                Duration.ofSeconds(60),
                                avro(),
                                r -> r.key().equals(encounterId))
                        .get(0)
                        .value()
                        .getClaimId())
                .isEqualTo(secondary.getClaimId());

        // the recoded visit: the primary's corrected claim, paid again, replaces the secondary's claim
        EncounterCoded recoded = withSecondary(encounterId);
        recoded.setCodingVersion(2);
        send(Topics.ENCOUNTER_CODED, encounterId, recoded);
        ClaimSubmitted corrected = submitted(encounterId, 3).get(2);
        assertThat(corrected.getFrequency()).isEqualTo(ClaimFrequency.REPLACEMENT);
        assertThat(corrected.getCoverage().getPayer().getPayerId()).isEqualTo("BKHP1");
        send(Topics.PAYMENT_POSTED, encounterId, primaryPaid(corrected, ClaimStatus.PROCESSED_AS_PRIMARY));

        ClaimSubmitted secondAgain = submitted(encounterId, 4).get(3);
        assertThat(secondAgain.getCoverage().getPayer().getPayerId()).isEqualTo("MCD01");
        assertThat(secondAgain.getPriorPayerAdjudications())
                .singleElement()
                .satisfies(p -> assertThat(p.getPayerClaimNumber()).isEqualTo("ICN-P-" + corrected.getClaimId()));
        assertThat(status(secondary.getClaimId())).isEqualTo("REPLACED");
        assertThat(status(secondAgain.getClaimId())).isEqualTo("SUBMITTED");
    }

    /**
     * The crossover payer's 835 for a crossed-over claim, as the payer simulator sends it when the payer has the
     * services on file from an earlier crossover (the visit's original claim, before its correction): CLP02 2, nothing
     * paid; the office visit denied CO-18 (exact duplicate), the lab considered for the patient's remaining 4.41 only
     * (OA-23 37.31 the primary's payment, PR-1 4.41, CO-45 3.28).
     */
    static PaymentPosted secondaryDeniesAsDuplicate(ClaimSubmitted primary) {
        PaymentPosted paid = secondaryPaid(primary, primary.getClaimId(), primary.getPatientControlNumber());
        paid.setPaidAmount(new BigDecimal("0.00"));
        paid.setPatientResponsibility(new PatientResponsibility(
                new BigDecimal("4.41"),
                new BigDecimal("0.00"),
                new BigDecimal("0.00"),
                new BigDecimal("0.00"),
                new BigDecimal("4.41")));
        paid.setContractualAdjustment(new BigDecimal("168.28"));
        LineAdjudication visit = paid.getLines().get(0);
        visit.setPaidAmount(new BigDecimal("0.00"));
        visit.setAllowedAmount(null);
        visit.setAdjustments(List.of(new Adjustment(AdjustmentGroupCode.CO, "18", new BigDecimal("165.00"))));
        LineAdjudication a1c = paid.getLines().get(1);
        a1c.setPaidAmount(new BigDecimal("0.00"));
        a1c.setAdjustments(List.of(
                new Adjustment(AdjustmentGroupCode.OA, "23", new BigDecimal("37.31")),
                new Adjustment(AdjustmentGroupCode.PR, "1", new BigDecimal("4.41")),
                new Adjustment(AdjustmentGroupCode.CO, "45", new BigDecimal("3.28"))));
        return paid;
    }

    /** The ClaimDenied the gateway sends beside that PaymentPosted: its denied line, category DUPLICATE. */
    static ClaimDenied duplicateDenial(PaymentPosted remittance) {
        ClaimDenied denial = codingDenial(submittedLike(remittance), remittance.getPayerClaimNumber());
        denial.setTraceNumber(remittance.getTraceNumber());
        denial.setCategory(DenialCategory.DUPLICATE);
        LineAdjudication line =
                LineAdjudication.newBuilder(remittance.getLines().get(0)).build();
        denial.setLines(List.of(line));
        denial.setPayerText("CARC 18");
        return denial;
    }

    private static ClaimSubmitted submittedLike(PaymentPosted remittance) {
        ClaimSubmitted claim = new ClaimSubmitted();
        claim.setEncounterId(remittance.getEncounterId());
        claim.setEventId(remittance.getCausationId());
        claim.setClaimId(remittance.getClaimId());
        claim.setPatientControlNumber(remittance.getPatientControlNumber());
        return claim;
    }

    /**
     * The per-visit breach seen in every stack benchmark: a crossed-over claim the next payer answers with a CO-18
     * duplicate denial and no payment was left DENIED, balance 0.00, with no work item, whenever the gateway's
     * ClaimDenied (topic claim-denied) was consumed before its PaymentPosted (topic payment-posted): the denial found
     * the claim CROSSED_OVER and was only recorded, then the remittance moved it to DENIED. Whichever comes first, the
     * duplicate denial closes the claim (a claim for these services is on file with that payer) and the money is
     * posted once.
     */
    @Test
    void aCrossedOverClaimTheNextPayerDeniesAsADuplicateClosesWhicheverOfItsDenialAndRemittanceComesFirst()
            throws Exception {
        for (boolean denialFirst : List.of(true, false)) {
            String encounterId = "enc-cob-dup-" + denialFirst + "-" + UUID.randomUUID();
            send(Topics.ENCOUNTER_CODED, encounterId, withSecondary(encounterId));
            ClaimSubmitted primary = submitted(encounterId, 1).get(0);
            awaitConsumed(send(
                    Topics.PAYMENT_POSTED,
                    encounterId,
                    primaryPaid(primary, ClaimStatus.PROCESSED_AS_PRIMARY_FORWARDED)));
            assertThat(status(primary.getClaimId())).isEqualTo("CROSSED_OVER");

            PaymentPosted remittance = secondaryDeniesAsDuplicate(primary);
            ClaimDenied denial = duplicateDenial(remittance);
            if (denialFirst) {
                awaitConsumed(send(Topics.CLAIM_DENIED, encounterId, denial));
                awaitConsumed(send(Topics.PAYMENT_POSTED, encounterId, remittance));
            } else {
                awaitConsumed(send(Topics.PAYMENT_POSTED, encounterId, remittance));
                awaitConsumed(send(Topics.CLAIM_DENIED, encounterId, denial));
            }

            String claimId = primary.getClaimId();
            assertThat(status(claimId)).as("denial first: " + denialFirst).isEqualTo("CLOSED");
            assertThat(jdbc.sql("SELECT paid_amount || '/' || patient_responsibility || '/' || adjusted_amount"
                                    + " FROM claim WHERE claim_id = ?")
                            .param(claimId)
                            .query(String.class)
                            .single())
                    .as("the primary's payment and the patient's share the next payer left, once")
                    .isEqualTo("141.05/4.41/64.54");
            assertThat(jdbc.sql("SELECT count(*) FROM claim_payment WHERE claim_id = ?")
                            .param(claimId)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(2);
            assertThat(outboxRows(encounterId))
                    .as("no claim of its own to the next payer")
                    .isEqualTo(1);
        }
    }
}
