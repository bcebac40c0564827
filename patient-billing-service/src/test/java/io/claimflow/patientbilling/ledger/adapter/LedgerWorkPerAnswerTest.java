package io.claimflow.patientbilling.ledger.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.BillingEvents;
import io.claimflow.patientbilling.claim.adapter.ClaimRegistry;
import io.claimflow.patientbilling.claim.adapter.ClaimSubmittedHandler;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
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
 * What PostgreSQL does for a claim's registration and a payer's answer (issue 22), so that the cost cannot creep back.
 * A registration locks the claim's key in the statement that opens the account and reads the visit's earlier claims
 * billed to the patient in the one that records the claim (it was five statements where three do). An answer's poll takes
 * the account's lock key, the lock and the idempotency mark; the answer reads its claim with the account locked, then
 * the claim's ledger once (its entries, reversals, supersession, total charge and pending payer in one statement), and
 * writes its entry with its lines in one statement. Before, an answer read the ledger twice, the supersession twice
 * and the total charge apart, wrote the entry and its lines in two statements and the pending payer every time: 12
 * statements where 6 do. The money stays exact to the cent.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
@Import(StatementCounter.class)
class LedgerWorkPerAnswerTest {

    @Autowired
    PayerAnswerListeners listeners;

    @Autowired
    ClaimSubmittedHandler claims;

    @Autowired
    StatementCounter counter;

    @Autowired
    TransactionalBatches batches;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAnswerReadsItsClaimsLedgerOnceAndWritesItsEntryInOneStatement() {
        String tenant = "t-answer-" + UUID.randomUUID().toString().substring(0, 8);
        String claim = "clm-answer-" + UUID.randomUUID();
        String encounter = "enc-answer-" + UUID.randomUUID();
        StatementCounter.Counts registered = counter.count(
                () -> claims.handle(BillingEvents.claimSubmitted(tenant, claim, encounter, "MRN-ANSWER")));
        assertThat(registered.commits()).isEqualTo(1);
        assertThat(registered.statements())
                .as("the account with the claim's key lock; the claim with the visit's earlier claims billed to the"
                        + " patient, the later payers' claims that overtook it (linked to its ledger) and whether answers"
                        + " wait for it")
                .isLessThanOrEqualTo(2);
        PaymentPosted primary = BillingEvents.primary(tenant, claim, encounter, "EFT-ANSWER");

        StatementCounter.Counts paid = counter.count(() -> listeners.on(List.of(record(0, primary))));

        assertThat(patientOwes(tenant, claim)).isEqualByComparingTo("85.10");
        assertThat(paid.commits()).as("one transaction for the poll").isEqualTo(1);
        assertThat(paid.statements())
                .as("lock keys, lock, mark; the poll's claims with their accounts locked, their ledgers; the entry with"
                        + " its lines")
                .isLessThanOrEqualTo(6);

        StatementCounter.Counts again = counter.count(() -> listeners.on(List.of(record(1, primary))));

        assertThat(entries(tenant, claim))
                .as("the same answer again posts nothing")
                .isEqualTo(1);
        assertThat(again.statements())
                .as("lock key, then lock and mark in one statement")
                .isLessThanOrEqualTo(2);

        PaymentPosted reversal = BillingEvents.reversal(tenant, claim, encounter, "EFT-ANSWER");
        StatementCounter.Counts reversed = counter.count(() -> listeners.on(List.of(record(2, reversal))));

        assertThat(patientOwes(tenant, claim)).isEqualByComparingTo("0.00");
        assertThat(entries(tenant, claim)).isEqualTo(2);
        assertThat(reversed.commits()).isEqualTo(1);
        assertThat(reversed.statements())
                .as("as the payment, and the link from the reversing entry to the reversed one")
                .isLessThanOrEqualTo(7);
    }

    @Test
    void aPollOfAnswersReadsItsClaimsAndTheirLedgersOnceForThePoll() {
        String tenant = "t-poll-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> claimIds = new ArrayList<>();
        List<String> encounters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String claim = "clm-poll-" + i + "-" + UUID.randomUUID();
            String encounter = "enc-poll-" + i + "-" + UUID.randomUUID();
            // two claims of one patient (one account), two of others
            claims.handle(BillingEvents.claimSubmitted(tenant, claim, encounter, "MRN-POLL-" + Math.max(i, 1)));
            claimIds.add(claim);
            encounters.add(encounter);
        }
        List<ConsumerRecord<String, Object>> poll = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            poll.add(
                    record(10 + i, BillingEvents.primary(tenant, claimIds.get(i), encounters.get(i), "EFT-POLL-" + i)));
        }
        // the first claim's payment taken back in the same poll: it must see the payment posted before it
        poll.add(record(14, BillingEvents.reversal(tenant, claimIds.get(0), encounters.get(0), "EFT-POLL-0")));

        StatementCounter.Counts counted = counter.count(() -> listeners.on(poll));

        assertThat(patientOwes(tenant, claimIds.get(0))).isEqualByComparingTo("0.00");
        assertThat(entries(tenant, claimIds.get(0))).isEqualTo(2);
        for (int i = 1; i < 4; i++) {
            assertThat(patientOwes(tenant, claimIds.get(i))).isEqualByComparingTo("85.10");
            assertThat(entries(tenant, claimIds.get(i))).isEqualTo(1);
        }
        assertThat(counted.commits()).as("one transaction for the poll").isEqualTo(1);
        assertThat(counted.statements())
                .as("for the poll: lock keys, lock, mark, the claims with their accounts locked, their ledgers (5);"
                        + " per answer its entry with its lines (4 + 1); the reversal reads its ledger again, after the"
                        + " payment it takes back, and links its entry to the reversed one (2). A statement per answer"
                        + " for each of the lock key, the claim and its ledger was 23")
                .isLessThanOrEqualTo(12);
    }

    @Test
    void aPollOfClaimsRegistersEachInTwoStatements() {
        String tenant = "t-regpoll-" + UUID.randomUUID().toString().substring(0, 8);
        List<ConsumerRecord<String, ClaimSubmitted>> poll = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClaimSubmitted event = BillingEvents.claimSubmitted(
                    tenant, "clm-regpoll-" + i + "-" + UUID.randomUUID(), "enc-regpoll-" + i, "MRN-REGPOLL-" + i);
            poll.add(new ConsumerRecord<>(Topics.CLAIM_SUBMITTED, 0, i, event.getEncounterId(), event));
        }

        // as the claims listener hands a run of ClaimSubmitted to its handler
        StatementCounter.Counts counted = counter.count(() -> batches.handleOnce(
                "patient-billing.claim-submitted",
                "patient-billing-service.claim-submitted",
                poll,
                ClaimSubmitted.class,
                event -> ClaimRegistry.accountLockKey(
                        event.getTenantId(), event.getPatient().getMrn()),
                ClaimSubmitted::getEventId,
                claims::handle));

        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(counted.commits()).as("one transaction for the poll").isEqualTo(1);
        assertThat(counted.statements())
                .as("for the poll the lock and the mark (2); per claim the account with the claim's key lock, and the"
                        + " claim with what the registration must know (2 x 3). It was 4 per claim: the answers waiting"
                        + " and the later payers' claims were asked apart")
                .isLessThanOrEqualTo(8);
    }

    /**
     * A two-payer visit's answers in one poll, in either order, after its claims registered in either order, then the
     * poll again: the ledger ends as when each answer is its own transaction (CoordinationOfBenefitsArrivalOrderTest):
     * the secondary's remittance that comes first in the poll waits, and posts when the primary's posts.
     */
    @Test
    void aTwoPayerVisitsAnswersInOnePollPostAsOneAtATimeInEitherOrder() {
        for (boolean primaryClaimFirst : new boolean[] {true, false}) {
            for (boolean primaryAnswerFirst : new boolean[] {true, false}) {
                String tenant = "t-cob-" + UUID.randomUUID().toString().substring(0, 8);
                String encounter = "enc-cob-" + UUID.randomUUID();
                BillingEvents.TwoPayerVisit visit = BillingEvents.twoPayerVisit(tenant, encounter, "MRN-COB");
                ClaimSubmitted primaryClaim = visit.primaryClaim();
                ClaimSubmitted laterClaim = visit.secondaryClaim();
                PaymentPosted primary = visit.primaryAnswer();
                PaymentPosted secondary = visit.secondaryAnswer();
                claims.handle(primaryClaimFirst ? primaryClaim : laterClaim);
                claims.handle(primaryClaimFirst ? laterClaim : primaryClaim);
                List<PaymentPosted> answers =
                        primaryAnswerFirst ? List.of(primary, secondary) : List.of(secondary, primary);
                List<ConsumerRecord<String, Object>> poll =
                        List.of(record(20, answers.get(0)), record(21, answers.get(1)));

                listeners.on(poll);
                listeners.on(poll);

                String order = (primaryClaimFirst ? "claims p, s" : "claims s, p")
                        + (primaryAnswerFirst ? "; answers p, s" : "; answers s, p");
                assertThat(visitTotal(tenant, "PATIENT_RECEIVABLE")).as(order).isEqualByComparingTo("5.00");
                assertThat(visitTotal(tenant, "INSURANCE_CASH")).as(order).isEqualByComparingTo("238.50");
                assertThat(visitTotal(tenant, "CONTRACTUAL_ADJUSTMENT"))
                        .as(order)
                        .isEqualByComparingTo("106.50");
                assertThat(visitTotal(tenant, "OTHER_INSURANCE_RECEIVABLE"))
                        .as(order)
                        .isEqualByComparingTo("0.00");
                assertThat(visitTotal(tenant, "GROSS_CHARGES")).as(order).isEqualByComparingTo("-350.00");
                assertThat(jdbc.sql("SELECT count(*) FROM awaiting_claim WHERE tenant_id = ?")
                                .param(tenant)
                                .query(Integer.class)
                                .single())
                        .as(order + ": nothing left parked")
                        .isZero();
            }
        }
    }

    private BigDecimal visitTotal(String tenant, String ledgerAccount) {
        return jdbc.sql(
                        "SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id"
                                + " WHERE e.tenant_id = ? AND l.ledger_account = ?")
                .params(tenant, ledgerAccount)
                .query(BigDecimal.class)
                .single();
    }

    private static ConsumerRecord<String, Object> record(long offset, PaymentPosted event) {
        return new ConsumerRecord<>(Topics.PAYMENT_POSTED, 0, offset, event.getEncounterId(), event);
    }

    private BigDecimal patientOwes(String tenant, String claim) {
        return jdbc.sql(
                        "SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id"
                                + " WHERE e.tenant_id = ? AND l.claim_id = ? AND l.ledger_account = 'PATIENT_RECEIVABLE'")
                .params(tenant, claim)
                .query(BigDecimal.class)
                .single();
    }

    private int entries(String tenant, String claim) {
        return jdbc.sql("SELECT count(*) FROM journal_entry WHERE tenant_id = ? AND claim_id = ?")
                .params(tenant, claim)
                .query(Integer.class)
                .single();
    }
}
