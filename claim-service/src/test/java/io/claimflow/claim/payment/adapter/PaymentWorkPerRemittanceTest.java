package io.claimflow.claim.payment.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.PipelineFixture;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.payment.PaymentPosting;
import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.claim.submission.adapter.EncounterCodedMapper;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What PostgreSQL does to post one remittance (issue 22), so that the cost cannot creep back: the claim is read and
 * locked with its lines and diagnoses in one statement, its earlier payments once, and lines no payment changes are
 * not written. Before (946b43f): 9 statements for a payment in full (the claim, its diagnoses and its lines read
 * apart, and an update of its unchanged lines); 6 before feature/claimpoll (its payments so far read and its open
 * work items resolved when it had none, the status history written apart from the poll's).
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.claim.fee-schedule.check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_claim")
class PaymentWorkPerRemittanceTest {

    /**
     * A payment in full that closes the claim: the claim with its lines and diagnoses (its row says it has no
     * payments posted and never had work opened: neither is read or resolved), the payment's insert and the status
     * history (paid, closed) held to the commit, one statement each, the claim's update.
     */
    static final int STATEMENTS_PER_FULL_PAYMENT = 4;

    @TestConfiguration
    static class Counting {

        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @Autowired
    ClaimSubmission submission;

    @Autowired
    PaymentPosting posting;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkItems workItems;

    @Test
    void aPaymentReadsTheClaimOnceWithItsLinesAndWritesNoLineItDidNotChange() {
        ClaimSubmitted claim = submittedClaim("enc-pay-" + UUID.randomUUID());

        StatementCounter.Counted<ClaimStatus> posted =
                counter.count(() -> posting.onPaymentPosted(PaymentPostedListener.toDomain(
                        PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace()))));

        assertThat(posted.result()).isEqualTo(ClaimStatus.CLOSED);
        assertThat(jdbc.sql("SELECT paid_amount FROM claim WHERE claim_id = :id")
                        .param("id", claim.getClaimId())
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("141.05");
        assertThat(jdbc.sql("SELECT string_agg(line_number || ' ' || procedure_code || ' ' || charge, ', ' "
                                + "ORDER BY line_number) FROM claim_line WHERE claim_id = :id")
                        .param("id", claim.getClaimId())
                        .query(String.class)
                        .single())
                .as("the lines as built")
                .isEqualTo("1 99214 165.00, 2 83036 45.00");
        assertThat(posted.counts().commits()).isEqualTo(1);
        assertThat(posted.counts().statements()).isEqualTo(STATEMENTS_PER_FULL_PAYMENT);
    }

    /** A claim with an open work item: the payment that closes it resolves the item (one statement more). */
    @Test
    void aPaymentThatClosesAClaimWithOpenWorkResolvesIt() {
        ClaimSubmitted claim = submittedClaim("enc-pay-" + UUID.randomUUID());
        workItems.add(claim.getClaimId(), WorkQueue.DENIAL, "NO_RESPONSE", "no answer yet", null, Instant.now());

        StatementCounter.Counted<ClaimStatus> posted =
                counter.count(() -> posting.onPaymentPosted(PaymentPostedListener.toDomain(
                        PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace()))));

        assertThat(posted.result()).isEqualTo(ClaimStatus.CLOSED);
        assertThat(jdbc.sql("SELECT resolved_by FROM work_item WHERE claim_id = :id")
                        .param("id", claim.getClaimId())
                        .query(String.class)
                        .single())
                .isEqualTo("close-settled-claims");
        assertThat(posted.counts().statements()).isEqualTo(STATEMENTS_PER_FULL_PAYMENT + 1);
    }

    @Test
    void aSecondPaymentOfTheSameChargesIsStillACreditBalanceWithThePaymentsReadOnce() {
        ClaimSubmitted claim = submittedClaim("enc-pay-" + UUID.randomUUID());
        posting.onPaymentPosted(PaymentPostedListener.toDomain(
                PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace())));

        ClaimStatus again = posting.onPaymentPosted(PaymentPostedListener.toDomain(
                PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace())));

        assertThat(again).isEqualTo(ClaimStatus.CREDIT_BALANCE);
    }

    /** The sample visit (99214 and 83036) built and submitted by claim-service, as its ClaimSubmitted names it. */
    private ClaimSubmitted submittedClaim(String encounterId) {
        submission.onEncounterCoded(EncounterCodedMapper.toDomain(PipelineFixture.encounterCoded(encounterId, 1)));
        ClaimSubmitted claim = Samples.load(ClaimSubmitted.class);
        claim.setEventId(UUID.randomUUID().toString());
        claim.setEncounterId(encounterId);
        jdbc.sql("SELECT claim_id, patient_control_number, status FROM claim WHERE encounter_id = :id AND is_current")
                .param("id", encounterId)
                .query(rs -> {
                    claim.setClaimId(rs.getString(1));
                    claim.setPatientControlNumber(rs.getString(2));
                    assertThat(rs.getString(3)).isEqualTo("SUBMITTED");
                });
        return claim;
    }

    private static String trace() {
        return "TRN" + UUID.randomUUID().toString().substring(0, 12);
    }
}
