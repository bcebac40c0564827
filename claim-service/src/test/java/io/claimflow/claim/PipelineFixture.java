package io.claimflow.claim;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.PatientResponsibility;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.Records;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.Awaitility;

/** Events for the pipeline tests, from the schemas' samples, and waiting helpers. */
public final class PipelineFixture {

    private PipelineFixture() {}

    /** The sample EncounterCoded for a fresh encounter and patient (so the duplicate check does not fire). */
    public static EncounterCoded encounterCoded(String encounterId, int codingVersion) {
        EncounterCoded event = Samples.load(EncounterCoded.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setEncounterId(encounterId);
        event.setCodingVersion(codingVersion);
        event.getPatient().setMrn("MRN-" + encounterId);
        return event;
    }

    /** The sample coding denial (CO-11 on the HbA1c line) of {@code claim}. */
    public static ClaimDenied codingDenial(ClaimSubmitted claim, String payerClaimNumber) {
        ClaimDenied event = Samples.load(ClaimDenied.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setEncounterId(claim.getEncounterId());
        event.setCausationId(claim.getEventId());
        event.setClaimId(claim.getClaimId());
        event.setPatientControlNumber(claim.getPatientControlNumber());
        event.setPayerClaimNumber(payerClaimNumber);
        event.getLines().get(0).setLineItemControlNumber(claim.getClaimId() + "-2");
        return event;
    }

    /** A remittance paying {@code claim} (the sample visit) in full: 141.05 paid, 29.41 patient, 39.54 contractual. */
    public static PaymentPosted fullPayment(ClaimSubmitted claim, String payerClaimNumber, String trace) {
        PaymentPosted event = Samples.load(PaymentPosted.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setEncounterId(claim.getEncounterId());
        event.setCausationId(claim.getEventId());
        event.setClaimId(claim.getClaimId());
        event.setPatientControlNumber(claim.getPatientControlNumber());
        event.setPayerClaimNumber(payerClaimNumber);
        event.setTraceNumber(trace);
        event.setChargeAmount(new BigDecimal("210.00"));
        event.setPaidAmount(new BigDecimal("141.05"));
        event.setPatientResponsibility(new PatientResponsibility(
                new BigDecimal("0.00"),
                new BigDecimal("4.41"),
                new BigDecimal("25.00"),
                new BigDecimal("0.00"),
                new BigDecimal("29.41")));
        event.setContractualAdjustment(new BigDecimal("39.54"));
        LineAdjudication visit = event.getLines().get(0);
        visit.setLineItemControlNumber(claim.getClaimId() + "-1");
        LineAdjudication a1c = event.getLines().get(1);
        a1c.setLineItemControlNumber(claim.getClaimId() + "-2");
        a1c.setAllowedAmount(new BigDecimal("41.72"));
        a1c.setPaidAmount(new BigDecimal("37.31"));
        a1c.setAdjustments(List.of(
                new Adjustment(AdjustmentGroupCode.CO, "45", new BigDecimal("3.28")),
                new Adjustment(AdjustmentGroupCode.PR, "2", new BigDecimal("4.41"))));
        a1c.setRemarkCodes(List.of());
        return event;
    }

    /** The sample remittance of {@code claim}: the visit paid (103.74), the HbA1c line denied CO-11. */
    public static PaymentPosted samplePartialPayment(ClaimSubmitted claim, String payerClaimNumber, String trace) {
        PaymentPosted event = Samples.load(PaymentPosted.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setEncounterId(claim.getEncounterId());
        event.setCausationId(claim.getEventId());
        event.setClaimId(claim.getClaimId());
        event.setPatientControlNumber(claim.getPatientControlNumber());
        event.setPayerClaimNumber(payerClaimNumber);
        event.setTraceNumber(trace);
        event.getLines().get(0).setLineItemControlNumber(claim.getClaimId() + "-1");
        event.getLines().get(1).setLineItemControlNumber(claim.getClaimId() + "-2");
        return event;
    }

    /** The first {@code count} ClaimSubmitted the service published for the encounter, waiting up to a minute. */
    public static List<ClaimSubmitted> submitted(String encounterId, int count) {
        return Records.<ClaimSubmitted>awaitRecords(
                        Topics.CLAIM_SUBMITTED,
                        count,
                        Duration.ofSeconds(60),
                        avro(),
                        r -> r.key().equals(encounterId))
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** A deserializer for reading what the service published (close it, or let the Records helper do so). */
    @SuppressWarnings("unchecked")
    public static <T> Deserializer<T> avro() {
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(
                Map.of("schema.registry.url", Infrastructure.get().schemaRegistryUrl()), false);
        return (Deserializer<T>) (Deserializer<?>) deserializer;
    }

    /** Waits until the claim-service consumer group has committed past {@code sent}. */
    public static void awaitConsumed(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers()))) {
            await("consumer to pass " + partition + "@" + sent.offset(), () -> {
                try {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets("claim-service")
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS)
                            .get(partition);
                    return committed != null && committed.offset() > sent.offset();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    /** Waits for the one current claim of {@code encounterId} and returns its id. */
    public static String awaitCurrentClaim(org.springframework.jdbc.core.simple.JdbcClient jdbc, String encounterId) {
        await(
                "a claim for " + encounterId,
                () -> jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ? AND is_current")
                                .param(encounterId)
                                .query(Integer.class)
                                .single()
                        == 1);
        return jdbc.sql("SELECT claim_id FROM claim WHERE encounter_id = ? AND is_current")
                .param(encounterId)
                .query(String.class)
                .single();
    }
}
