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
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What PostgreSQL does to post one remittance (issue 22), so that the cost cannot creep back: the claim is read and
 * locked with its lines and diagnoses in one statement, its earlier payments once, and lines no payment changes are
 * not written. Before (946b43f): 9 statements for a payment in full (the claim, its diagnoses and its lines read
 * apart, and an update of its unchanged lines); 6 before feature/claimpoll (its payments so far read and its open
 * work items resolved when it had none, the status history in a statement of its own, the payment inserted alone).
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.claim.fee-schedule.check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_claim")
@Import(StatementCounter.class)
class PaymentWorkPerRemittanceTest {

    /**
     * A payment in full that closes the claim: the claim with its lines and diagnoses (its row says it has no
     * payments posted and never had work opened: neither is read or resolved), the claim's update with its status
     * history (paid, closed), the payment's insert held to the commit.
     */
    static final int STATEMENTS_PER_FULL_PAYMENT = 3;

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

    static final int PAYMENTS = 10;

    /** Per payment in a poll: the claim read, the claim's update (with its status history). */
    static final int STATEMENTS_PER_PAID_CLAIM_IN_A_POLL = 2;

    /** Per poll: the key locks with the idempotency marks (one statement), the held payments, the outbox rows. */
    static final int STATEMENTS_PER_PAYMENT_POLL = 3;

    @Autowired
    PaymentPostedListener listener;

    /** A poll of payments in full: each claim's first payment is written with the poll's others, in one statement. */
    @Test
    void aPollOfFirstPaymentsWritesThemInOneStatement() {
        List<ConsumerRecord<String, PaymentPosted>> poll = new ArrayList<>();
        List<String> claimIds = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            ClaimSubmitted claim = submittedClaim("enc-pay-" + UUID.randomUUID());
            claimIds.add(claim.getClaimId());
            poll.add(new ConsumerRecord<>(
                    Topics.PAYMENT_POSTED,
                    0,
                    i,
                    claim.getEncounterId(),
                    PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace())));
        }

        StatementCounter.Counts counts = counter.count(() -> listener.on(poll));

        assertThat(counts.commits()).isEqualTo(1);
        assertThat(counts.statements())
                .isLessThanOrEqualTo(PAYMENTS * STATEMENTS_PER_PAID_CLAIM_IN_A_POLL + STATEMENTS_PER_PAYMENT_POLL);
        for (String claimId : claimIds) {
            assertThat(paidAndStatus(claimId)).isEqualTo("141.05 CLOSED 1 true");
        }
    }

    /**
     * The same remittance twice in one poll (two events carrying it): the second finds the first, held back until
     * the commit, and posts nothing, as when they came in two polls.
     */
    @Test
    void theSameRemittanceTwiceInOnePollPostsOnce() {
        ClaimSubmitted claim = submittedClaim("enc-pay-" + UUID.randomUUID());
        String trace = trace();
        PaymentPosted first = PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace);
        PaymentPosted again = PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace);

        listener.on(List.of(
                new ConsumerRecord<>(Topics.PAYMENT_POSTED, 0, 0, claim.getEncounterId(), first),
                new ConsumerRecord<>(Topics.PAYMENT_POSTED, 0, 1, claim.getEncounterId(), again)));

        assertThat(first.getEventId()).isNotEqualTo(again.getEventId());
        assertThat(paidAndStatus(claim.getClaimId())).isEqualTo("141.05 CLOSED 1 true");
    }

    // paid amount, status, payments posted and the payments_posted flag of the claim
    private String paidAndStatus(String claimId) {
        return jdbc.sql("""
                        SELECT c.paid_amount || ' ' || c.status || ' '
                            || (SELECT count(*) FROM claim_payment p WHERE p.claim_id = c.claim_id) || ' '
                            || c.payments_posted
                        FROM claim c WHERE c.claim_id = :id
                        """).param("id", claimId).query(String.class).single();
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

    /**
     * A work item another writer opened with a plain insert (an instance of the version before V113, a fix by hand):
     * the claim row still learns of it, so the payment that closes the claim resolves it.
     */
    @Test
    void aPaymentThatClosesAClaimResolvesWorkOpenedByAnyWriter() {
        ClaimSubmitted claim = submittedClaim("enc-pay-" + UUID.randomUUID());
        jdbc.sql("INSERT INTO work_item (claim_id, queue, category, reasons, created_at)"
                        + " VALUES (:id, 'DENIAL', 'NO_RESPONSE', 'no answer yet', now())")
                .param("id", claim.getClaimId())
                .update();

        ClaimStatus status = posting.onPaymentPosted(PaymentPostedListener.toDomain(
                PipelineFixture.fullPayment(claim, "PCN-" + claim.getClaimId(), trace())));

        assertThat(status).isEqualTo(ClaimStatus.CLOSED);
        assertThat(jdbc.sql("SELECT resolved_by FROM work_item WHERE claim_id = :id")
                        .param("id", claim.getClaimId())
                        .query(String.class)
                        .single())
                .isEqualTo("close-settled-claims");
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
