package io.claimflow.patientbilling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/**
 * A self-pay visit billed to the patient (ClaimBilledToPatient) over real Kafka and PostgreSQL: the whole charge is
 * the patient's, on the next statement with its procedures and date of service; and one visit charges the patient
 * once, whether the event is replayed, the recoded visit is billed again, or the visit goes to a payer after all,
 * in either order of arrival.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
class SelfPayBillingFlowTest extends BillingFlowFixture {

    String mrn;

    @BeforeEach
    void newMrn() {
        mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The sample: 99214 at 165.00 and 83036 at 45.00 on 2026-03-10, total 210.00, billed at {@code at}. */
    ClaimBilledToPatient billed(String claimId, Instant at) {
        ClaimBilledToPatient event = Samples.load(ClaimBilledToPatient.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(at);
        event.setTenantId(tenant);
        event.setClaimId(claimId);
        event.setEncounterId(encounter);
        event.getPatient().setMrn(mrn);
        return event;
    }

    @Test
    void aSelfPayVisitIsThePatientsToPayOnceAndOnTheNextStatementWithItsProcedures() throws Exception {
        ClaimBilledToPatient event = billed("clm-sp-1", Instant.now());
        publish(Topics.CLAIM_BILLED_TO_PATIENT, event);
        long account = awaitAccount("clm-sp-1");
        awaitProcessed(event.getEventId());

        assertThat(balance(account)).isEqualByComparingTo("210.00");
        assertThat(visitTotal("PATIENT_RECEIVABLE")).isEqualByComparingTo("210.00");
        assertThat(visitTotal("GROSS_CHARGES")).isEqualByComparingTo("-210.00");
        assertThat(visitTotal("INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(visitTotal("INSURANCE_CASH")).isEqualByComparingTo("0.00");
        assertThat(jdbc.sql("SELECT kind FROM journal_entry WHERE tenant_id = ?")
                        .param(tenant)
                        .query(String.class)
                        .list())
                .containsExactly("SELF_PAY_CHARGE");

        // replayed, and the same bill under another eventId: still one charge
        publish(Topics.CLAIM_BILLED_TO_PATIENT, event);
        ClaimBilledToPatient again = ClaimBilledToPatient.newBuilder(event)
                .setEventId(UUID.randomUUID().toString())
                .build();
        publish(Topics.CLAIM_BILLED_TO_PATIENT, again);
        awaitProcessed(again.getEventId());
        assertThat(entries()).isEqualTo(1);
        assertThat(balance(account)).isEqualByComparingTo("210.00");

        Map<String, Object> view =
                http.get().uri("/patient-accounts/{id}", account).retrieve().body(JSON);
        assertThat((List<?>) view.get("openClaims")).hasSize(1);

        Map<String, Object> run = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        assertThat(run.get("issued")).isEqualTo(1);
        long statementId = ((Number) ((List<?>) run.get("statementIds")).get(0)).longValue();
        Map<?, ?> statement = (Map<?, ?>) http.get()
                .uri("/statements/{id}", statementId)
                .retrieve()
                .body(JSON)
                .get("statement");
        assertThat(new BigDecimal(statement.get("balance").toString())).isEqualByComparingTo("210.00");
        String html =
                http.get().uri("/statements/{id}/html", statementId).retrieve().body(String.class);
        assertThat(html).contains("$210.00", "99214", "83036", "03/10/2026", "Priya Raman");
        // the charge reads as the patient's own (self-pay), not as something insurance did not cover
        assertThat(html)
                .contains("Self-pay: no insurance was billed for this visit; the charge is yours")
                .containsPattern("<td class=\"n\">Self-pay \\$210\\.00</td>");
        byte[] pdf =
                http.get().uri("/statements/{id}/pdf", statementId).retrieve().body(byte[].class);
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Self-pay (your charge)").doesNotContain("not covered");
        }
        assertEveryJournalEntryBalances();
    }

    @Test
    void aRecodedVisitBilledAgainAndThenSubmittedToAPayerChargesThePatientOnce() {
        Instant now = Instant.now();
        publish(Topics.CLAIM_BILLED_TO_PATIENT, billed("clm-sp-a", now.minusSeconds(300)));
        long account = awaitAccount("clm-sp-a");
        await().atMost(WAIT).until(() -> entries() == 1);

        // recoded: one line left, billed to the patient again, naming the claim it replaces
        ClaimBilledToPatient second = billed("clm-sp-b", now.minusSeconds(200));
        second.setReplacedClaimId("clm-sp-a");
        second.setCodingVersion(2);
        second.setLines(new ArrayList<>(second.getLines().subList(0, 1)));
        second.setTotalCharge(new BigDecimal("165.00"));
        publish(Topics.CLAIM_BILLED_TO_PATIENT, second);
        awaitProcessed(second.getEventId());

        assertThat(balance(account)).isEqualByComparingTo("165.00");
        assertThat(claimTotal("clm-sp-a", "PATIENT_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-sp-a", "GROSS_CHARGES")).isEqualByComparingTo("0.00");
        assertThat(visitTotal("GROSS_CHARGES")).isEqualByComparingTo("-165.00");

        // the patient turns out to be covered: the visit is recoded with the coverage and goes to the payer
        ClaimSubmitted toPayer = BillingEvents.claimSubmitted(tenant, "clm-sp-c", encounter, mrn);
        toPayer.setOccurredAt(now.minusSeconds(100));
        publish(Topics.CLAIM_SUBMITTED, toPayer);
        await().atMost(WAIT)
                .until(() -> claimTotal("clm-sp-b", "PATIENT_RECEIVABLE").signum() == 0);
        assertThat(balance(account)).isEqualByComparingTo("0.00");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-sp-c", encounter, "EFT-SP-1"));
        await().atMost(WAIT).until(() -> claimTotal("clm-sp-c", "GROSS_CHARGES").signum() != 0);

        // one charge for the visit, the payer's, and the patient owes what the payer left: never 165.00 on top
        assertThat(visitTotal("GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        assertThat(visitTotal("PATIENT_RECEIVABLE")).isEqualByComparingTo("85.10");
        assertThat(balance(account)).isEqualByComparingTo("85.10");
        assertThat(jdbc.sql("SELECT claim_id || '>' || superseded_by FROM claim WHERE tenant_id = ? AND"
                                + " superseded_by IS NOT NULL ORDER BY claim_id")
                        .param(tenant)
                        .query(String.class)
                        .list())
                .containsExactly("clm-sp-a>clm-sp-b", "clm-sp-b>clm-sp-c");
        assertEveryJournalEntryBalances();
    }

    @Test
    void aBillThatArrivesAfterTheVisitsLaterClaimChargesNothing() {
        Instant now = Instant.now();
        ClaimSubmitted toPayer = BillingEvents.claimSubmitted(tenant, "clm-sp-new", encounter, mrn);
        toPayer.setOccurredAt(now);
        publish(Topics.CLAIM_SUBMITTED, toPayer);
        long account = awaitAccount("clm-sp-new");
        ClaimBilledToPatient late = billed("clm-sp-old", now.minusSeconds(60));
        publish(Topics.CLAIM_BILLED_TO_PATIENT, late);
        awaitProcessed(late.getEventId());

        assertThat(entries()).isZero();
        assertThat(balance(account)).isEqualByComparingTo("0.00");
        assertThat(jdbc.sql("SELECT superseded_by FROM claim WHERE tenant_id = ? AND claim_id = 'clm-sp-old'")
                        .param(tenant)
                        .query(String.class)
                        .single())
                .isEqualTo("clm-sp-new");
    }

    @Test
    void aBillWithoutChargeOrLinesGoesToTheDeadLetterTopicWithItsReason() {
        ClaimBilledToPatient noCharge = billed("clm-sp-bad", Instant.now());
        noCharge.setTotalCharge(new BigDecimal("0.00"));
        publish(Topics.CLAIM_BILLED_TO_PATIENT, noCharge);
        ClaimBilledToPatient noLines = billed("clm-sp-bad2", Instant.now());
        noLines.setLines(new ArrayList<>());
        publish(Topics.CLAIM_BILLED_TO_PATIENT, noLines);

        List<ConsumerRecord<String, byte[]>> dead = Records.awaitRecords(
                Topics.dlt(Topics.CLAIM_BILLED_TO_PATIENT),
                2,
                WAIT,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                r -> encounter.equals(r.key()));
        assertThat(dead)
                .extracting(r -> header(r, DeadLetterConventions.REASON_HEADER))
                .anySatisfy(reason -> assertThat(reason).contains("has no charge"))
                .anySatisfy(reason -> assertThat(reason).contains("has no service lines"));
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(entries()).isZero();
    }

    void awaitProcessed(String eventId) {
        await().atMost(WAIT)
                .until(() -> jdbc.sql(
                                        "SELECT count(*) FROM claimflow_platform.processed_event WHERE event_id = CAST(? AS uuid)")
                                .param(eventId)
                                .query(Long.class)
                                .single()
                        > 0);
    }

    long entries() {
        return jdbc.sql("SELECT count(*) FROM journal_entry WHERE tenant_id = ?")
                .param(tenant)
                .query(Long.class)
                .single();
    }

    void assertEveryJournalEntryBalances() {
        assertThat(jdbc.sql("SELECT e.id FROM journal_entry e LEFT JOIN journal_line l ON l.entry_id = e.id "
                                + "WHERE e.tenant_id = ? GROUP BY e.id HAVING coalesce(sum(l.amount), 0) <> 0"
                                + " OR count(l.*) < 2")
                        .param(tenant)
                        .query(Long.class)
                        .list())
                .isEmpty();
    }
}
