package io.claimflow.patientbilling;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.claim.adapter.ClaimSubmittedHandler;
import io.claimflow.patientbilling.ledger.adapter.PostingHandler;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One visit with two payers (coordination of benefits) delivered to patient-billing's handlers in every order of its
 * four events, each record delivered twice (at least once), each delivery in its own transaction as a listener's poll
 * would be. The topics keep no order between them (claims and answers), and under load an outbox can publish a
 * visit's records out of their order too, so every one of the 24 orders is tried, not only the 6 that keep each
 * topic's order. Whatever the order, the ledger ends the same: charged once, both payers' payments, the patient owes
 * what the last payer left, nothing parked, refused or dead-lettered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
class CoordinationOfBenefitsArrivalOrderTest {

    @Autowired
    ClaimSubmittedHandler claimSubmitted;

    @Autowired
    PostingHandler answers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTwoPayerVisitEndsWithTheSameLedgerInEveryArrivalOrderWithRedelivery() {
        Map<String, String> failures = new LinkedHashMap<>();
        for (List<String> order : permutations(List.of("CSp", "PPp", "CSs", "PPs"))) {
            String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
            String encounter = "enc-" + UUID.randomUUID();
            Map<String, SpecificRecord> events = visit(tenant, encounter);
            List<String> problems = new ArrayList<>();
            List<String> deliveries = new ArrayList<>(order);
            deliveries.addAll(order); // each record again: a redelivery after a rebalance or a lost commit
            List<String> deadLettered = new ArrayList<>();
            for (String name : deliveries) {
                if (deadLettered.contains(name)) {
                    continue; // a dead-lettered record is not delivered again
                }
                try {
                    deliver(events.get(name));
                } catch (RuntimeException e) {
                    // the listener would dead-letter it (IllegalArgumentException is not retried)
                    deadLettered.add(name);
                    problems.add(name + " dead-lettered: " + e.getMessage());
                }
            }
            problems.addAll(ledgerProblems(tenant, encounter));
            if (!problems.isEmpty()) {
                boolean topicOrder =
                        order.indexOf("CSp") < order.indexOf("CSs") && order.indexOf("PPp") < order.indexOf("PPs");
                failures.put(
                        String.join(" ", order) + (topicOrder ? " (each topic in order)" : ""),
                        String.join("; ", problems));
            }
        }
        assertThat(failures).as("arrival orders whose ledger differs").isEmpty();
    }

    private void deliver(SpecificRecord event) {
        if (event instanceof ClaimSubmitted claim) {
            claimSubmitted.handle(claim);
        } else {
            answers.onPaymentPosted((PaymentPosted) event);
        }
    }

    /** The visit ({@link BillingEvents#twoPayerVisit}), its events by name: claim (CS) and answer (PP) of each payer. */
    private static Map<String, SpecificRecord> visit(String tenant, String encounter) {
        BillingEvents.TwoPayerVisit visit = BillingEvents.twoPayerVisit(tenant, encounter, "MRN-ORDER");
        Map<String, SpecificRecord> events = new LinkedHashMap<>();
        events.put("CSp", visit.primaryClaim());
        events.put("PPp", visit.primaryAnswer());
        events.put("CSs", visit.secondaryClaim());
        events.put("PPs", visit.secondaryAnswer());
        return events;
    }

    private List<String> ledgerProblems(String tenant, String encounter) {
        List<String> problems = new ArrayList<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        jdbc.sql("SELECT l.ledger_account, sum(l.amount) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id"
                        + " JOIN claim c ON c.tenant_id = e.tenant_id AND c.claim_id = e.claim_id"
                        + " WHERE e.tenant_id = ? AND c.encounter_id = ? GROUP BY l.ledger_account")
                .params(tenant, encounter)
                .query((rs, n) -> totals.put(rs.getString(1), rs.getBigDecimal(2)))
                .list();
        expect(problems, totals, "GROSS_CHARGES", "-350.00");
        expect(problems, totals, "INSURANCE_RECEIVABLE", "0.00");
        expect(problems, totals, "INSURANCE_CASH", "238.50");
        expect(problems, totals, "CONTRACTUAL_ADJUSTMENT", "106.50");
        expect(problems, totals, "PATIENT_RECEIVABLE", "5.00");
        expect(problems, totals, "OTHER_INSURANCE_RECEIVABLE", "0.00");
        expect(problems, totals, "OTHER_ADJUSTMENT", "0.00");
        expect(problems, totals, "INSURANCE_CREDIT", "0.00");
        List<String> charged = jdbc.sql("SELECT DISTINCT claim_id FROM journal_entry WHERE tenant_id = ?")
                .param(tenant)
                .query(String.class)
                .list();
        if (!charged.equals(List.of("clm-p"))) {
            problems.add("entries on claims " + charged + ", expected on the visit's primary claim only");
        }
        List<String> waiting = jdbc.sql("SELECT claim_id || ' ' || kind || coalesce(' refused: ' || refused_reason, '')"
                        + " FROM awaiting_claim WHERE tenant_id = ?")
                .param(tenant)
                .query(String.class)
                .list();
        if (!waiting.isEmpty()) {
            problems.add("still parked: " + waiting);
        }
        return problems;
    }

    private static void expect(List<String> problems, Map<String, BigDecimal> totals, String account, String amount) {
        BigDecimal actual = totals.getOrDefault(account, BigDecimal.ZERO);
        if (actual.compareTo(new BigDecimal(amount)) != 0) {
            problems.add(account + " " + actual.toPlainString() + " (expected " + amount + ")");
        }
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<String> rest = new ArrayList<>(items);
            String first = rest.remove(i);
            for (List<String> tail : permutations(rest)) {
                List<String> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
