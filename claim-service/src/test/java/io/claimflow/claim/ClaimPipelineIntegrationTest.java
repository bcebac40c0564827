package io.claimflow.claim;

import static io.claimflow.claim.PipelineFixture.avro;
import static io.claimflow.claim.PipelineFixture.await;
import static io.claimflow.claim.PipelineFixture.awaitConsumed;
import static io.claimflow.claim.PipelineFixture.codingDenial;
import static io.claimflow.claim.PipelineFixture.encounterCoded;
import static io.claimflow.claim.PipelineFixture.fullPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimLine;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.platform.kafka.RawRecordTemplate;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The claim pipeline over real Kafka, the schema registry and PostgreSQL: coded encounter to submitted claim, the
 * denial -> recode -> corrected claim loop, payment, redeliveries, and records that cannot be processed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class ClaimPipelineIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    RawRecordTemplate raw;

    @Autowired
    JdbcClient jdbc;

    RecordMetadata send(String topic, String key, Object event) throws Exception {
        return kafka.send(topic, key, event).get(30, TimeUnit.SECONDS).getRecordMetadata();
    }

    static String newEncounterId() {
        return "enc-it-" + UUID.randomUUID();
    }

    List<ClaimSubmitted> submitted(String encounterId, int count) {
        return PipelineFixture.submitted(encounterId, count);
    }

    String status(String claimId) {
        return jdbc.sql("SELECT status FROM claim WHERE claim_id = ?")
                .param(claimId)
                .query(String.class)
                .single();
    }

    int claimsOf(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ?")
                .param(encounterId)
                .query(Integer.class)
                .single();
    }

    int currentClaimsOf(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ? AND is_current")
                .param(encounterId)
                .query(Integer.class)
                .single();
    }

    int outboxRows(String topic, String encounterId) {
        return jdbc.sql("SELECT count(*) FROM claimflow_platform.outbox WHERE topic = ? AND key = ?")
                .params(topic, encounterId)
                .query(Integer.class)
                .single();
    }

    @Test
    void aCodedEncounterBecomesASubmittedClaimWithChargesFromTheFeeSchedule() throws Exception {
        String encounterId = newEncounterId();
        EncounterCoded coded = encounterCoded(encounterId, 1);

        send(Topics.ENCOUNTER_CODED, encounterId, coded);

        ClaimSubmitted claim = submitted(encounterId, 1).get(0);
        assertThat(claim.getFrequency()).isEqualTo(ClaimFrequency.ORIGINAL);
        assertThat(claim.getCausationId()).isEqualTo(coded.getEventId());
        assertThat(claim.getCodingVersion()).isEqualTo(1);
        assertThat(claim.getLines())
                .extracting(l -> l.getService().getProcedureCode())
                .containsExactly("99214", "83036");
        assertThat(claim.getLines())
                .extracting(ClaimLine::getChargeAmount)
                .containsExactly(new BigDecimal("165.00"), new BigDecimal("45.00"));
        assertThat(claim.getTotalCharge()).isEqualTo(new BigDecimal("210.00"));
        assertThat(claim.getPatientControlNumber()).hasSizeLessThanOrEqualTo(20).startsWith("RIV");
        assertThat(claim.getCoverage().getPayer().getPayerId()).isEqualTo("BKHP1");
        assertThat(claim.getCoverage().getSubscriber().getMemberId()).isEqualTo("BHP884120337");
        assertThat(claim.getProviders().getBilling().getNpi()).isEqualTo("1847362914");
        assertThat(claim.getDiagnoses()).extracting(d -> d.getCode()).containsExactly("I10", "E11.9");
        assertThat(status(claim.getClaimId())).isEqualTo("SUBMITTED");
        assertThat(jdbc.sql("SELECT to_status || ':' || actor_id FROM claim_status_history WHERE claim_id = ?"
                                + " ORDER BY id")
                        .param(claim.getClaimId())
                        .query(String.class)
                        .list())
                .containsExactly("CREATED:claim-assembly", "SUBMITTED:scrubber");
    }

    @Test
    void aRedeliveredOrRepeatedCodingChangesNothing() throws Exception {
        String encounterId = newEncounterId();
        EncounterCoded coded = encounterCoded(encounterId, 1);
        send(Topics.ENCOUNTER_CODED, encounterId, coded);
        String claimId = submitted(encounterId, 1).get(0).getClaimId();

        send(Topics.ENCOUNTER_CODED, encounterId, coded); // redelivery: same event id
        EncounterCoded sameVersionAgain = encounterCoded(encounterId, 1); // new event, same coding version
        awaitConsumed(send(Topics.ENCOUNTER_CODED, encounterId, sameVersionAgain));

        assertThat(claimsOf(encounterId)).isEqualTo(1);
        assertThat(outboxRows(Topics.CLAIM_SUBMITTED, encounterId)).isEqualTo(1);
        assertThat(status(claimId)).isEqualTo("SUBMITTED");
        assertThat(jdbc.sql("SELECT count(*) FROM claim_status_history WHERE claim_id = ?")
                        .param(claimId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aCodingDenialGoesBackToCodingAndTheRecodedEncounterReplacesTheClaimWhichAPaymentCloses() throws Exception {
        String encounterId = newEncounterId();
        send(Topics.ENCOUNTER_CODED, encounterId, encounterCoded(encounterId, 1));
        ClaimSubmitted original = submitted(encounterId, 1).get(0);

        var denial = codingDenial(original, "2026090123456");
        send(Topics.CLAIM_DENIED, encounterId, denial);
        RecodeRequested recode = Records.<RecodeRequested>awaitRecords(
                        Topics.RECODE_REQUESTED, 1, WAIT, avro(), r -> r.key().equals(encounterId))
                .get(0)
                .value();
        assertThat(recode.getClaimId()).isEqualTo(original.getClaimId());
        assertThat(recode.getCausationId()).isEqualTo(denial.getEventId());
        assertThat(recode.getCodingVersion()).isEqualTo(1);
        assertThat(recode.getAttempt()).isEqualTo(1);
        assertThat(recode.getReason().getCategory().name()).isEqualTo("CODING");
        assertThat(recode.getReason().getPayerClaimNumber()).isEqualTo("2026090123456");
        assertThat(recode.getReason().getAdjustments())
                .extracting(a -> a.getReasonCode())
                .containsExactly("11");
        assertThat(recode.getReason().getAffectedLineNumbers()).containsExactly(2);
        assertThat(status(original.getClaimId())).isEqualTo("RECODE_REQUESTED");
        send(Topics.CLAIM_DENIED, encounterId, denial); // redelivered denial: no second recode request

        EncounterCoded recoded = encounterCoded(encounterId, 2);
        recoded.getServiceLines().get(1).setDiagnosisPointers(List.of(2));
        send(Topics.ENCOUNTER_CODED, encounterId, recoded);

        ClaimSubmitted corrected = submitted(encounterId, 2).get(1);
        assertThat(corrected.getFrequency()).isEqualTo(ClaimFrequency.REPLACEMENT);
        assertThat(corrected.getReplacedPayerClaimNumber()).isEqualTo("2026090123456");
        assertThat(corrected.getReplacedClaimId()).isEqualTo(original.getClaimId());
        assertThat(corrected.getClaimId()).isNotEqualTo(original.getClaimId());
        assertThat(corrected.getCodingVersion()).isEqualTo(2);
        assertThat(corrected.getLines().get(1).getService().getDiagnosisPointers())
                .containsExactly(2);
        assertThat(corrected.getTotalCharge()).isEqualTo(new BigDecimal("210.00"));
        assertThat(status(original.getClaimId())).isEqualTo("REPLACED");
        assertThat(currentClaimsOf(encounterId)).isEqualTo(1);
        assertThat(outboxRows(Topics.RECODE_REQUESTED, encounterId)).isEqualTo(1);

        awaitConsumed(send(Topics.ENCOUNTER_CODED, encounterId, encounterCoded(encounterId, 1))); // older version
        assertThat(claimsOf(encounterId)).isEqualTo(2);

        PaymentPosted payment = fullPayment(corrected, "2026090129999", "EFT0402260001");
        send(Topics.PAYMENT_POSTED, encounterId, payment);
        await("corrected claim closed", () -> status(corrected.getClaimId()).equals("CLOSED"));
        assertThat(jdbc.sql("SELECT paid_amount FROM claim WHERE claim_id = ?")
                        .param(corrected.getClaimId())
                        .query(BigDecimal.class)
                        .single())
                .isEqualTo(new BigDecimal("141.05"));

        PaymentPosted sameRemittanceAgain = fullPayment(corrected, "2026090129999", "EFT0402260001");
        send(Topics.PAYMENT_POSTED, encounterId, payment); // redelivery
        awaitConsumed(send(Topics.PAYMENT_POSTED, encounterId, sameRemittanceAgain)); // same ERA, new event id
        assertThat(jdbc.sql("SELECT paid_amount || '/' || patient_responsibility || '/' || adjusted_amount"
                                + " FROM claim WHERE claim_id = ?")
                        .param(corrected.getClaimId())
                        .query(String.class)
                        .single())
                .isEqualTo("141.05/29.41/39.54");
        assertThat(jdbc.sql("SELECT count(*) FROM claim_payment WHERE claim_id = ?")
                        .param(corrected.getClaimId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPaymentRacingARecodeIsRecordedOnTheOriginalAndTheEncounterKeepsOneCurrentClaim() throws Exception {
        String encounterId = newEncounterId();
        send(Topics.ENCOUNTER_CODED, encounterId, encounterCoded(encounterId, 1));
        ClaimSubmitted original = submitted(encounterId, 1).get(0);
        send(Topics.CLAIM_DENIED, encounterId, codingDenial(original, "2026090123456"));
        await("recode requested", () -> status(original.getClaimId()).equals("RECODE_REQUESTED"));

        // the remittance that carried the line denial is posted while coding looks at the encounter again
        awaitConsumed(send(
                Topics.PAYMENT_POSTED,
                encounterId,
                PipelineFixture.samplePartialPayment(original, "2026090123456", "EFT0331264471")));
        send(Topics.ENCOUNTER_CODED, encounterId, encounterCoded(encounterId, 2));
        ClaimSubmitted corrected = submitted(encounterId, 2).get(1);

        assertThat(status(original.getClaimId())).isEqualTo("REPLACED");
        assertThat(status(corrected.getClaimId())).isEqualTo("SUBMITTED");
        assertThat(currentClaimsOf(encounterId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT paid_amount || '/' || patient_responsibility || '/' || adjusted_amount"
                                + " FROM claim WHERE claim_id = ?")
                        .param(original.getClaimId())
                        .query(String.class)
                        .single())
                .isEqualTo("103.74/25.00/36.26");
        assertThat(jdbc.sql("SELECT reason FROM claim_status_history WHERE claim_id = ? AND from_status = to_status"
                                + " AND actor_kind = 'PAYER'")
                        .param(original.getClaimId())
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("paid 103.74")
                .contains("denied 45.00")
                .endsWith("state kept");
    }

    @Test
    void aRemittanceThatDoesNotBalanceGoesToTheDeadLetterTopicAndPostsNothing() throws Exception {
        String encounterId = newEncounterId();
        send(Topics.ENCOUNTER_CODED, encounterId, encounterCoded(encounterId, 1));
        ClaimSubmitted claim = submitted(encounterId, 1).get(0);
        PaymentPosted unbalanced = fullPayment(claim, "2026090120001", "EFT-UNBALANCED-1");
        unbalanced.setPaidAmount(new BigDecimal("141.06"));

        send(Topics.PAYMENT_POSTED, encounterId, unbalanced);

        ConsumerRecord<String, byte[]> dead = Records.awaitRecords(
                        Topics.dlt(Topics.PAYMENT_POSTED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> r.key().equals(encounterId))
                .get(0);
        assertThat(new String(
                        dead.headers()
                                .lastHeader(DeadLetterConventions.REASON_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("does not balance");
        assertThat(status(claim.getClaimId())).isEqualTo("SUBMITTED");
        assertThat(jdbc.sql("SELECT count(*) FROM claim_payment WHERE claim_id = ?")
                        .param(claim.getClaimId())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aRecordThatIsNotAvroGoesToTheDeadLetterTopic() throws Exception {
        String encounterId = newEncounterId();

        raw.kafkaTemplate()
                .send(Topics.ENCOUNTER_CODED, encounterId, "not avro".getBytes(StandardCharsets.UTF_8))
                .get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, byte[]> dead = Records.awaitRecords(
                        Topics.dlt(Topics.ENCOUNTER_CODED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> r.key().equals(encounterId))
                .get(0);
        assertThat(new String(
                        dead.headers()
                                .lastHeader(DeadLetterConventions.REASON_HEADER)
                                .value(),
                        StandardCharsets.UTF_8))
                .contains("deserialized");
        assertThat(claimsOf(encounterId)).isZero();
    }

    @Test
    void anEventNoClaimCanBeBuiltFromGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String encounterId = newEncounterId();
        EncounterCoded invalid = encounterCoded(encounterId, 0);

        send(Topics.ENCOUNTER_CODED, encounterId, invalid);

        ConsumerRecord<String, byte[]> dead = Records.awaitRecords(
                        Topics.dlt(Topics.ENCOUNTER_CODED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> r.key().equals(encounterId))
                .get(0);
        String reason = new String(
                dead.headers().lastHeader(DeadLetterConventions.REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("codingVersion must be at least 1").doesNotContain("Whitfield");
        assertThat(claimsOf(encounterId)).isZero();
    }
}
