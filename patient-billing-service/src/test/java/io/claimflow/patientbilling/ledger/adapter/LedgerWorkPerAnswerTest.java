package io.claimflow.patientbilling.ledger.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.BillingEvents;
import io.claimflow.patientbilling.claim.adapter.ClaimSubmittedHandler;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
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
class LedgerWorkPerAnswerTest {

    @TestConfiguration
    static class Counting {

        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @Autowired
    PayerAnswerListeners listeners;

    @Autowired
    ClaimSubmittedHandler claims;

    @Autowired
    StatementCounter counter;

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
                .as("the account with the claim's key lock, the claim with the visit's earlier claims billed to the"
                        + " patient, the later payers' claims that overtook it (linked to its ledger), the answers"
                        + " waiting for it")
                .isLessThanOrEqualTo(4);
        PaymentPosted primary = BillingEvents.primary(tenant, claim, encounter, "EFT-ANSWER");

        StatementCounter.Counts paid = counter.count(() -> listeners.on(List.of(record(0, primary))));

        assertThat(patientOwes(tenant, claim)).isEqualByComparingTo("85.10");
        assertThat(paid.commits()).as("one transaction for the poll").isEqualTo(1);
        assertThat(paid.statements())
                .as("lock key, lock, mark; the claim with its account locked, its ledger, the entry with its lines")
                .isLessThanOrEqualTo(6);

        StatementCounter.Counts again = counter.count(() -> listeners.on(List.of(record(1, primary))));

        assertThat(entries(tenant, claim))
                .as("the same answer again posts nothing")
                .isEqualTo(1);
        assertThat(again.statements()).as("lock key, lock, mark").isLessThanOrEqualTo(3);

        PaymentPosted reversal = BillingEvents.reversal(tenant, claim, encounter, "EFT-ANSWER");
        StatementCounter.Counts reversed = counter.count(() -> listeners.on(List.of(record(2, reversal))));

        assertThat(patientOwes(tenant, claim)).isEqualByComparingTo("0.00");
        assertThat(entries(tenant, claim)).isEqualTo(2);
        assertThat(reversed.commits()).isEqualTo(1);
        assertThat(reversed.statements())
                .as("as the payment, and the link from the reversing entry to the reversed one")
                .isLessThanOrEqualTo(7);
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
