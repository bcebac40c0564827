package io.claimflow.patientbilling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimFrequency;
import io.claimflow.events.ClaimStatus;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.platform.kafka.RawRecordTemplate;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Records;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The service end to end over real Kafka and PostgreSQL: payers' answers in, the ledger, patient payments,
 * statements and dead letters out. Every test uses its own tenant, so tests and classes do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
class PatientBillingFlowTest extends BillingFlowFixture {

    @Autowired
    RawRecordTemplate raw;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AccountQueries accountQueries;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void remittanceWithDeductibleCoinsuranceAndCopayRedeliveryAndReversal() throws Exception {
        long account = registerClaim("clm-1", "MRN-1");
        PaymentPosted primary = BillingEvents.primary(tenant, "clm-1", encounter, "EFT0331264471");

        publish(Topics.PAYMENT_POSTED, primary);
        awaitEntries(account, 1);

        assertThat(balance(account)).isEqualByComparingTo("85.10");
        Map<String, BigDecimal> byAccount = totalsByLedgerAccount(account);
        assertThat(byAccount.get("GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        // the charge is fully accounted for: payer paid + contractual + the patient's three parts
        assertThat(byAccount
                        .get("INSURANCE_CASH")
                        .add(byAccount.get("CONTRACTUAL_ADJUSTMENT"))
                        .add(byAccount.get("PATIENT_RECEIVABLE")))
                .isEqualByComparingTo("350.00");
        assertThat(byAccount.get("INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(componentTotals(account))
                .containsEntry("DEDUCTIBLE", new BigDecimal("50.00"))
                .containsEntry("COINSURANCE", new BigDecimal("21.10"))
                .containsEntry("COPAY", new BigDecimal("14.00"));

        // the same event again, and the same remittance under a new eventId, then a marker behind them on the
        // same partition: once the marker is posted, the duplicates have been handled
        publish(Topics.PAYMENT_POSTED, primary);
        PaymentPosted sameRemittanceNewId = PaymentPosted.newBuilder(primary)
                .setEventId(UUID.randomUUID().toString())
                .build();
        publish(Topics.PAYMENT_POSTED, sameRemittanceNewId);
        registerClaim("clm-1b", "MRN-1");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-1b", encounter, "EFT0331264471"));
        awaitEntries(account, 2);
        assertThat(entryCount(account, "clm-1")).isEqualTo(1);
        assertThat(balance(account)).isEqualByComparingTo("170.20");

        publish(Topics.PAYMENT_POSTED, BillingEvents.reversal(tenant, "clm-1", encounter, "EFT0415260002"));
        awaitEntries(account, 3);

        assertThat(balance(account)).isEqualByComparingTo("85.10");
        assertThat(claimPatientBalance("clm-1")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-1", "GROSS_CHARGES")).isEqualByComparingTo("0.00");
        assertEveryJournalEntryBalances();
    }

    @Test
    void oneVisitChargesThePatientOnceThroughReplacementRepaymentAndReversal() {
        long account = registerClaim("clm-orig", "MRN-V");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-orig", encounter, "EFT-V1"));
        awaitEntries(account, 1);

        // the corrected claim (frequency 7) is submitted: the original's charges leave the patient now
        ClaimSubmitted replacement = BillingEvents.claimSubmitted(tenant, "clm-repl", encounter, "MRN-V");
        replacement.setFrequency(ClaimFrequency.REPLACEMENT);
        replacement.setReplacedClaimId("clm-orig");
        replacement.setReplacedPayerClaimNumber("2026090123456");
        publish(Topics.CLAIM_SUBMITTED, replacement);
        // the payer pays the replacement before it reverses the original, as payers do within one 835
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-repl", encounter, "EFT-V2"));
        await().atMost(WAIT).until(() -> entryCount(account, "clm-repl") == 1);

        assertThat(visitTotal("GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        assertThat(visitTotal("PATIENT_RECEIVABLE")).isEqualByComparingTo("85.10");
        assertThat(balance(account)).isEqualByComparingTo("85.10");
        // the original's payment is the payer's to take back: held as insurance credit
        assertThat(visitTotal("INSURANCE_CASH")).isEqualByComparingTo("336.80");
        assertThat(visitTotal("INSURANCE_CREDIT")).isEqualByComparingTo("-168.40");

        // the payer's reversal of the original nets that credit, once; a second reversal under another trace finds
        // nothing left to take back and is refused (dead letter), never a second credit to the patient
        publish(Topics.PAYMENT_POSTED, BillingEvents.reversal(tenant, "clm-orig", encounter, "EFT-V2"));
        await().atMost(WAIT).until(() -> entryCount(account, "clm-orig") == 3);
        publish(Topics.PAYMENT_POSTED, BillingEvents.reversal(tenant, "clm-orig", encounter, "EFT-V3"));
        registerClaim("clm-marker", "MRN-V");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-marker", encounter, "EFT-V4"));
        await().atMost(WAIT).until(() -> entryCount(account, "clm-marker") == 1);

        assertThat(entryCount(account, "clm-orig")).isEqualTo(3);
        assertThat(claimTotal("clm-orig", "GROSS_CHARGES")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-orig", "PATIENT_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-orig", "INSURANCE_CASH")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-orig", "INSURANCE_CREDIT")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-repl", "GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        assertThat(claimTotal("clm-repl", "PATIENT_RECEIVABLE")).isEqualByComparingTo("85.10");
        assertThat(balance(account)).isEqualByComparingTo("170.20"); // 85.10 for this visit, 85.10 for the marker
        assertEveryJournalEntryBalances();
    }

    @Test
    void aSecondPaymentOfAPaidClaimIsHeldAsInsuranceCreditUntilThePayerRecoupsIt() {
        long account = registerClaim("clm-twice", "MRN-T");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-twice", encounter, "EFT-T1"));
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-twice", encounter, "EFT-T2"));
        await().atMost(WAIT).until(() -> entryCount(account, "clm-twice") == 2);

        // posted, not dead-lettered: the same figure claim-service shows as the claim's credit balance
        assertThat(claimTotal("clm-twice", "INSURANCE_CREDIT")).isEqualByComparingTo("-168.40");
        assertThat(claimTotal("clm-twice", "INSURANCE_CASH")).isEqualByComparingTo("336.80");
        assertThat(claimTotal("clm-twice", "GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        assertThat(balance(account)).isEqualByComparingTo("85.10");

        publish(Topics.PAYMENT_POSTED, BillingEvents.reversal(tenant, "clm-twice", encounter, "EFT-T3"));
        await().atMost(WAIT).until(() -> entryCount(account, "clm-twice") == 3);
        assertThat(claimTotal("clm-twice", "INSURANCE_CREDIT")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-twice", "INSURANCE_CASH")).isEqualByComparingTo("168.40");
        assertThat(balance(account)).isEqualByComparingTo("85.10");
        assertEveryJournalEntryBalances();
    }

    @Test
    void aBillersLostAppealDecisionBillsWhatIsOpenWithInsuranceOnce() {
        long account = registerClaim("clm-lost", "MRN-L");
        BigDecimal charge = jdbc.sql("SELECT total_charge FROM claim WHERE tenant_id = ? AND claim_id = ?")
                .params(tenant, "clm-lost")
                .query(BigDecimal.class)
                .single();
        RestClient biller = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("biller", "demo-biller"))
                .build();
        java.util.function.Function<Map<String, Object>, Integer> decide = body -> biller.post()
                .uri("/claims/{id}/lost-appeal-decision", "clm-lost")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .onStatus(st -> true, (req, res) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .value();

        assertThat(decide.apply(Map.of("tenantId", tenant, "decision", "BILL_PATIENT", "amount", "1.00")))
                .isEqualTo(409);
        assertThat(decide.apply(Map.of("tenantId", tenant, "decision", "SOMETIMES", "amount", charge)))
                .isEqualTo(400);
        assertThat(decide.apply(Map.of("tenantId", tenant, "decision", "BILL_PATIENT", "amount", charge)))
                .isEqualTo(200);
        assertThat(decide.apply(Map.of("tenantId", tenant, "decision", "BILL_PATIENT", "amount", charge)))
                .isEqualTo(200);
        assertThat(problem(() -> http.post()
                        .uri("/claims/{id}/lost-appeal-decision", "clm-lost")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("tenantId", tenant, "decision", "WRITE_OFF", "amount", charge))
                        .retrieve()
                        .toBodilessEntity()))
                .isEqualTo(403);

        assertThat(entryCount(account, "clm-lost")).isEqualTo(1);
        assertThat(balance(account)).isEqualByComparingTo(charge);
        assertThat(claimTotal("clm-lost", "GROSS_CHARGES")).isEqualByComparingTo(charge.negate());
        assertEveryJournalEntryBalances();
    }

    @Test
    void patientPaymentOverRestOncePerIdempotencyKeyAndStatementRun() {
        long account = registerClaim("clm-2", "MRN-2");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-2", encounter, "EFT1"));
        awaitEntries(account, 1);

        String key = UUID.randomUUID().toString();
        Map<String, Object> payment =
                Map.of("amount", new BigDecimal("50.00"), "method", "CARD", "reference", "auth 004417");
        ResponseEntity<Map<String, Object>> first = pay(account, key, payment);
        ResponseEntity<Map<String, Object>> again = pay(account, key, payment);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().get("paymentId")).isEqualTo(first.getBody().get("paymentId"));
        assertThat(money(first.getBody().get("balanceAfter"))).isEqualByComparingTo("35.10");
        assertThat(balance(account)).isEqualByComparingTo("35.10");
        assertThat(jdbc.sql("SELECT count(*) FROM patient_payment WHERE account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(problem(() -> pay(account, key, Map.of("amount", new BigDecimal("60.00"), "method", "CARD"))))
                .isEqualTo(409);

        // a double click: the same key twice at the same moment still posts once
        String clicked = UUID.randomUUID().toString();
        Map<String, Object> small = Map.of("amount", new BigDecimal("5.00"), "method", "CARD");
        var one = java.util.concurrent.CompletableFuture.supplyAsync(() -> pay(account, clicked, small));
        var two = java.util.concurrent.CompletableFuture.supplyAsync(() -> pay(account, clicked, small));
        assertThat(one.join().getBody().get("paymentId"))
                .isEqualTo(two.join().getBody().get("paymentId"));
        assertThat(List.of(
                        one.join().getStatusCode().value(),
                        two.join().getStatusCode().value()))
                .containsExactlyInAnyOrder(200, 201);
        assertThat(balance(account)).isEqualByComparingTo("30.10");

        Map<String, Object> view = http.get()
                .uri("/patient-accounts/{id}?asOf=2026-04-15", account)
                .retrieve()
                .body(JSON);
        assertThat(money(view.get("balance"))).isEqualByComparingTo("30.10");
        assertThat(money(((Map<?, ?>) ((Map<?, ?>) view.get("aging")).get("buckets")).get("CURRENT")))
                .isEqualByComparingTo("30.10");
        assertThat((List<?>) view.get("ledger")).hasSizeGreaterThanOrEqualTo(10);

        Map<String, Object> run = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        assertThat(run.get("issued")).isEqualTo(1);
        long statementId = ((Number) ((List<?>) run.get("statementIds")).get(0)).longValue();
        Map<String, Object> statement =
                http.get().uri("/statements/{id}", statementId).retrieve().body(JSON);
        Map<?, ?> body = (Map<?, ?>) statement.get("statement");
        assertThat(money(body.get("balance"))).isEqualByComparingTo("30.10");
        assertThat(money(body.get("minimumDue"))).isEqualByComparingTo("25.00");
        assertThat(body.get("dueDate")).isEqualTo(LocalDate.now().plusDays(21).toString());
        ResponseEntity<String> html =
                http.get().uri("/statements/{id}/html", statementId).retrieve().toEntity(String.class);
        assertThat(html.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(html.getBody())
                .contains(
                        "$350.00",
                        "$168.40",
                        "$96.50",
                        "$50.00",
                        "$21.10",
                        "$14.00",
                        "-$55.00",
                        "$30.10",
                        "$25.00",
                        "03/10/2026",
                        "Priya Raman");

        // a second run the same day issues nothing: too soon for this account
        Map<String, Object> second = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        assertThat(second.get("issued")).isEqualTo(0);
        assertThat(second.get("decisions")).isEqualTo(Map.of("TOO_SOON", 1));

        Map<String, Object> plan = http.post()
                .uri("/patient-accounts/{id}/payment-plans", account)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "installments",
                        3,
                        "firstDueDate",
                        LocalDate.now().plusDays(10).toString()))
                .retrieve()
                .body(JSON);
        assertThat((List<?>) plan.get("installments"))
                .extracting(i -> money(((Map<?, ?>) i).get("amount")))
                .containsExactly(new BigDecimal("10.04"), new BigDecimal("10.03"), new BigDecimal("10.03"));
        assertEveryJournalEntryBalances();
    }

    @Test
    void aPaymentIsReversedOnceWithItsReasonAndCreditIsRefundedOncePerKeyBothJournaled() {
        long account = registerClaim("clm-rv", "MRN-RV");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-rv", encounter, "EFT-RV"));
        awaitEntries(account, 1);
        assertThat(balance(account)).isEqualByComparingTo("85.10");

        // posted twice by mistake (the Back button): the second is reversed with a reason
        Map<String, Object> body = Map.of("amount", new BigDecimal("50.00"), "method", "CARD");
        pay(account, UUID.randomUUID().toString(), body);
        long second = ((Number) pay(account, UUID.randomUUID().toString(), body)
                        .getBody()
                        .get("paymentId"))
                .longValue();
        assertThat(balance(account)).isEqualByComparingTo("-14.90");
        assertThat(problem(() -> reverse(account, second, Map.of()))).isEqualTo(400);

        ResponseEntity<Map<String, Object>> reversed = reverse(account, second, Map.of("reason", "entered twice"));
        ResponseEntity<Map<String, Object>> again = reverse(account, second, Map.of("reason", "entered twice"));
        assertThat(reversed.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().get("reversalEntryId"))
                .isEqualTo(reversed.getBody().get("reversalEntryId"));
        assertThat(balance(account)).isEqualByComparingTo("35.10");
        // what the patient owes on the claim, payments included (their entries are on the account, lines on the claim)
        assertThat(jdbc.sql(
                                "SELECT sum(l.amount) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                                        + "WHERE e.account_id = ? AND l.claim_id = 'clm-rv' AND l.ledger_account = 'PATIENT_RECEIVABLE'")
                        .param(account)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("35.10");
        assertThat(totalsByLedgerAccount(account).get("PATIENT_CASH")).isEqualByComparingTo("50.00");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM journal_entry_reversal r JOIN journal_entry e "
                                        + "ON e.id = r.reversing_entry_id WHERE e.account_id = ? AND e.kind = 'PATIENT_PAYMENT_REVERSAL'")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the receipt and the payment list say it was reversed, and why
        Map<String, Object> receipt = http.get()
                .uri("/patient-accounts/{a}/payments/{p}", account, second)
                .retrieve()
                .body(JSON);
        assertThat(receipt.get("reversalReason")).isEqualTo("entered twice");
        assertThat(receipt.get("status")).isEqualTo("REVERSED");
        List<?> listed = http.get()
                .uri("/patient-accounts/{a}/payments", account)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
        assertThat(listed).hasSize(2);

        // an overpayment leaves credit; a refund pays it back once per key, never more than the credit
        pay(account, UUID.randomUUID().toString(), Map.of("amount", new BigDecimal("40.00"), "method", "CASH"));
        assertThat(balance(account)).isEqualByComparingTo("-4.90");
        String key = UUID.randomUUID().toString();
        assertThat(problem(() -> refund(
                        account,
                        UUID.randomUUID().toString(),
                        Map.of("amount", new BigDecimal("4.91"), "method", "CHECK", "reason", "overpaid"))))
                .isEqualTo(409);
        assertThat(problem(() -> refund(account, key, Map.of("amount", new BigDecimal("4.90"), "method", "CHECK"))))
                .isEqualTo(400);
        Map<String, Object> refund =
                Map.of("amount", new BigDecimal("4.90"), "method", "CHECK", "reason", "overpaid at the desk");
        ResponseEntity<Map<String, Object>> refunded = refund(account, key, refund);
        ResponseEntity<Map<String, Object>> refundedAgain = refund(account, key, refund);
        assertThat(refunded.getStatusCode().value()).isEqualTo(201);
        assertThat(refundedAgain.getStatusCode().value()).isEqualTo(200);
        assertThat(refundedAgain.getBody().get("refundId"))
                .isEqualTo(refunded.getBody().get("refundId"));
        assertThat(balance(account)).isEqualByComparingTo("0.00");
        assertThat(totalsByLedgerAccount(account).get("PATIENT_CREDIT")).isEqualByComparingTo("0.00");
        assertThat(totalsByLedgerAccount(account).get("PATIENT_CASH")).isEqualByComparingTo("85.10");
        assertEveryJournalEntryBalances();
    }

    @Test
    void statementPdfShowsEveryAmountOfARemittanceWhoseLedgerSumsToTheCharge() throws Exception {
        ClaimSubmitted submitted = BillingEvents.claimSubmitted(tenant, "clm-pdf", encounter, "MRN-PDF");
        submitted.getLines().get(0).setChargeAmount(new BigDecimal("305.00"));
        submitted.setTotalCharge(new BigDecimal("350.00"));
        publish(Topics.CLAIM_SUBMITTED, submitted);
        long account = await().atMost(WAIT)
                .until(
                        () -> jdbc.sql("SELECT account_id FROM claim WHERE tenant_id = ? " + "AND claim_id = ?")
                                .params(tenant, "clm-pdf")
                                .query(Long.class)
                                .optional()
                                .orElse(null),
                        id -> id != null);
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-pdf", encounter, "EFT-PDF"));
        awaitEntries(account, 1);

        // the ledger: what the payer paid, the contractual adjustment and the patient's three parts make the charge
        BigDecimal charge = jdbc.sql("SELECT total_charge FROM claim WHERE tenant_id = ? AND claim_id = ?")
                .params(tenant, "clm-pdf")
                .query(BigDecimal.class)
                .single();
        assertThat(charge).isEqualByComparingTo("350.00");
        assertThat(claimTotal("clm-pdf", "INSURANCE_CASH")
                        .add(claimTotal("clm-pdf", "CONTRACTUAL_ADJUSTMENT"))
                        .add(claimTotal("clm-pdf", "PATIENT_RECEIVABLE")))
                .isEqualByComparingTo(charge);
        assertThat(claimTotal("clm-pdf", "GROSS_CHARGES")).isEqualByComparingTo(charge.negate());
        assertThat(jdbc.sql("SELECT l.component, sum(l.amount) FROM journal_line l JOIN journal_entry e "
                                + "ON e.id = l.entry_id WHERE e.tenant_id = ? AND e.claim_id = ? AND l.ledger_account = "
                                + "'PATIENT_RECEIVABLE' GROUP BY 1")
                        .params(tenant, "clm-pdf")
                        .query((rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
                        .list())
                .containsExactlyInAnyOrder(
                        Map.entry("DEDUCTIBLE", new BigDecimal("50.00")),
                        Map.entry("COINSURANCE", new BigDecimal("21.10")),
                        Map.entry("COPAY", new BigDecimal("14.00")));

        Map<String, Object> run = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        long statementId = ((Number) ((List<?>) run.get("statementIds")).get(0)).longValue();
        ResponseEntity<byte[]> pdf = http.get()
                .uri("/statements/{id}/pdf", statementId)
                .accept(MediaType.APPLICATION_PDF)
                .retrieve()
                .toEntity(byte[].class);

        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(pdf.getHeaders().getFirst("Content-Disposition"))
                .isEqualTo("inline; filename=\"statement-" + statementId + ".pdf\"");
        assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            text = stripper.getText(document);
        }
        List<String> lines = text.lines().map(String::strip).toList();
        String today =
                java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy").format(LocalDate.now());
        assertThat(lines)
                .contains(
                        // date of service, the claim, charge, insurance paid, contractual adjustment, what the patient
                        // owes
                        "03/10/2026 Claim clm-pdf $350.00 $168.40 $96.50 $85.10",
                        "Deductible $50.00",
                        "Coinsurance $21.10",
                        "Copay $14.00",
                        "Previous balance $0.00",
                        "AMOUNT DUE $85.10",
                        // the payer's answer is dated March 2026 in the samples: the patient has owed it for over 120
                        // days
                        "0-30 days $0.00 31-60 days $0.00 61-90 days $0.00 91-120 days $0.00 Over 120 days $85.10");
        assertThat(lines).anyMatch(l -> l.matches("MINIMUM DUE by \\d{2}/\\d{2}/\\d{4} \\$25\\.00"));
        // each procedure billed, with its words from billing-codes (issue 21 item 4)
        assertThat(lines)
                .contains(
                        "99214 Office or other outpatient visit, established patient, moderate MDM or 30-39 minutes",
                        "83036 Hemoglobin, glycosylated (A1c)");
        assertThat(lines).anyMatch(l -> l.endsWith("Statement number: " + statementId));
        assertThat(lines).anyMatch(l -> l.contains("Statement date: " + today));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("Eleanor Whitfield"))
                .anyMatch(l -> l.startsWith("Columbus, OH 43214-1032"));
        assertThat(text)
                .contains("Priya Raman", "PATIENT STATEMENT", "Riverside Family Medicine LLC")
                .doesNotContain("Practice " + tenant);
        assertThat(problem(() -> http.get()
                        .uri("/statements/{id}/pdf", Long.MAX_VALUE)
                        .accept(MediaType.APPLICATION_PDF, MediaType.APPLICATION_PROBLEM_JSON)
                        .retrieve()
                        .toBodilessEntity()))
                .isEqualTo(404);
    }

    @Test
    void overpaymentBecomesCreditAndACreditBalanceGetsNoStatement() {
        long account = registerClaim("clm-3", "MRN-3");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-3", encounter, "EFT3"));
        awaitEntries(account, 1);

        ResponseEntity<Map<String, Object>> paid = pay(
                account,
                "k-" + UUID.randomUUID(),
                Map.of("amount", new BigDecimal("100.00"), "method", "CHECK", "reference", "1043"));

        assertThat(money(paid.getBody().get("toCredit"))).isEqualByComparingTo("14.90");
        assertThat(balance(account)).isEqualByComparingTo("-14.90");
        Map<String, Object> run = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        assertThat(run.get("issued")).isEqualTo(0);
        assertThat(run.get("decisions")).isEqualTo(Map.of("ZERO_OR_CREDIT", 1));
        assertEveryJournalEntryBalances();
    }

    @Test
    void threeStatementsWithoutAPaymentFlagTheAccountForCollectionsAndAPaymentClearsIt() {
        long account = registerClaim("clm-10", "MRN-10");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-10", encounter, "EFT10"));
        awaitEntries(account, 1);
        LocalDate today = LocalDate.now();

        for (LocalDate asOf : List.of(today.minusDays(56), today.minusDays(28), today)) {
            Map<String, Object> run = http.post()
                    .uri("/statement-runs")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("tenantId", tenant, "asOf", asOf.toString()))
                    .retrieve()
                    .body(JSON);
            assertThat(run.get("issued")).isEqualTo(1);
        }
        Map<String, Object> flagged =
                http.get().uri("/patient-accounts/{id}", account).retrieve().body(JSON);
        assertThat(flagged.get("statementsSinceLastPayment")).isEqualTo(3);
        assertThat(flagged.get("collections")).isEqualTo(true);
        List<?> statements =
                http.get().uri("/statements?accountId={id}", account).retrieve().body(List.class);
        assertThat(statements).hasSize(3);
        assertThat(money(((Map<?, ?>) ((Map<?, ?>) statements.get(0)).get("statement")).get("previousBalance")))
                .isEqualByComparingTo("85.10");

        pay(account, "k-" + UUID.randomUUID(), Map.of("amount", new BigDecimal("20.00"), "method", "CASH"));
        Map<String, Object> paid =
                http.get().uri("/patient-accounts/{id}", account).retrieve().body(JSON);
        assertThat(paid.get("statementsSinceLastPayment")).isEqualTo(0);
        assertThat(paid.get("collections")).isEqualTo(false);
    }

    @Test
    void aSmallBalanceIsWrittenOffByTheStatementRunInsteadOfBilled() {
        long account = registerClaim("clm-9", "MRN-9");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-9", encounter, "EFT9"));
        awaitEntries(account, 1);
        assertThat(problem(() -> pay(
                        account,
                        "k-" + UUID.randomUUID(),
                        Map.of(
                                "amount",
                                new BigDecimal("10.00"),
                                "method",
                                "CASH",
                                "claimId",
                                "clm-not-on-this-account"))))
                .isEqualTo(400);
        pay(
                account,
                "k-" + UUID.randomUUID(),
                Map.of("amount", new BigDecimal("84.50"), "method", "CASH", "claimId", "clm-9"));
        assertThat(balance(account)).isEqualByComparingTo("0.60");

        Map<String, Object> run = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);

        assertThat(run.get("decisions")).isEqualTo(Map.of("WRITTEN_OFF", 1));
        assertThat(balance(account)).isEqualByComparingTo("0.00");
        assertThat(totalsByLedgerAccount(account).get("PATIENT_ADJUSTMENT")).isEqualByComparingTo("0.60");
        assertEveryJournalEntryBalances();
    }

    @Test
    void badPaymentRequestsGetProblemDetails() {
        long account = registerClaim("clm-4", "MRN-4");
        String key = UUID.randomUUID().toString();

        assertThat(problem(() -> pay(account, key, Map.of("amount", new BigDecimal("-5.00"), "method", "CASH"))))
                .isEqualTo(400);
        assertThat(problem(() -> pay(account, key, Map.of("amount", new BigDecimal("10.001"), "method", "CASH"))))
                .isEqualTo(400);
        assertThat(problem(() -> pay(account, key, Map.of("amount", new BigDecimal("10.00"), "method", "BITCOIN"))))
                .isEqualTo(400);
        assertThat(problem(() -> http.post()
                        .uri("/patient-accounts/{id}/payments", account)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("amount", 10, "method", "CASH"))
                        .retrieve()
                        .toEntity(JSON)))
                .isEqualTo(400);
        assertThat(problem(() -> pay(999_999_999L, key, Map.of("amount", new BigDecimal("10.00"), "method", "CASH"))))
                .isEqualTo(404);
        Map<String, Object> detail = http.post()
                .uri("/patient-accounts/{id}/payments", account)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", new BigDecimal("10.001"), "method", "CASH"))
                .exchange((request, response) -> response.bodyTo(JSON));
        assertThat(detail).containsEntry("status", 400);
        assertThat(detail.get("detail").toString()).contains("amount").doesNotContain("Exception");
        assertThat(jdbc.sql("SELECT count(*) FROM patient_payment WHERE account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * One 835 pays the claim and denies a line (PR-96 50.00): the ClaimDenied says the payment of the same trace
     * carries the patient's share, so handled first it posts nothing and the remittance posts the share once; the
     * journal is the one remittance, as when the PaymentPosted comes first (PostingRulesTest has both orders).
     */
    @Test
    void linesDeniedInAPaidClaimsEraArePostedOnlyWithItsPaymentEvenWhenTheDenialComesFirst() {
        long account = registerClaim("clm-5p", "MRN-5P");
        ClaimDenied line = BillingEvents.nonCovered(tenant, "clm-5p", encounter, "EFT5P");
        line.getLines()
                .get(0)
                .setAdjustments(new ArrayList<>(
                        List.of(new Adjustment(AdjustmentGroupCode.PR, "96", new BigDecimal("50.00")))));
        line.setPaidInSameRemittance(true);

        publish(Topics.CLAIM_DENIED, line);
        await().atMost(WAIT).until(() -> marks(line.getEventId()), m -> !m.isEmpty());
        assertThat(entryCount(account, "clm-5p")).isZero();
        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.remittance(
                        tenant,
                        "clm-5p",
                        encounter,
                        "EFT5P",
                        ClaimStatus.PROCESSED_AS_PRIMARY,
                        "1",
                        "204.00",
                        "100.00",
                        "54.00",
                        "0.00",
                        "0.00",
                        "0.00",
                        "50.00"));
        awaitEntries(account, 1);

        assertThat(jdbc.sql("SELECT kind FROM journal_entry WHERE account_id = ?")
                        .param(account)
                        .query(String.class)
                        .list())
                .containsExactly("REMITTANCE");
        assertThat(balance(account)).isEqualByComparingTo("50.00");
        assertEveryJournalEntryBalances();
    }

    @Test
    void nonCoveredDenialMakesThePatientResponsible() {
        long account = registerClaim("clm-5", "MRN-5");
        ClaimDenied denial = BillingEvents.nonCovered(tenant, "clm-5", encounter, "EFT5");

        publish(Topics.CLAIM_DENIED, denial);
        awaitEntries(account, 1);
        publish(Topics.CLAIM_DENIED, denial);

        assertThat(balance(account)).isEqualByComparingTo("204.00");
        assertThat(componentTotals(account)).containsEntry("OTHER", new BigDecimal("204.00"));

        // the same 835 as a remittance (claim status 4) supersedes the denial: owed once, charged once
        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.remittance(
                        tenant,
                        "clm-5",
                        encounter,
                        "EFT5",
                        io.claimflow.events.ClaimStatus.DENIED,
                        "4",
                        "204.00",
                        "0.00",
                        "0.00",
                        "0.00",
                        "0.00",
                        "0.00",
                        "204.00"));
        awaitEntries(account, 2);
        assertThat(balance(account)).isEqualByComparingTo("204.00");
        assertThat(claimTotal("clm-5", "GROSS_CHARGES")).isEqualByComparingTo("-204.00");
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entry_reversal r JOIN journal_entry e "
                                + "ON e.id = r.reversed_entry_id WHERE e.account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertEveryJournalEntryBalances();
    }

    @Test
    void secondaryPaymentReducesWhatThePatientOwes() {
        long account = registerClaim("clm-8", "MRN-8");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-8", encounter, "EFT8"));
        awaitEntries(account, 1);

        // the secondary pays 60.00 of the 85.10, leaves the 14.00 copay, and writes off 11.10
        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.remittance(
                        tenant,
                        "clm-8",
                        encounter,
                        "CHK7781",
                        io.claimflow.events.ClaimStatus.PROCESSED_AS_SECONDARY,
                        "2",
                        "350.00",
                        "60.00",
                        "276.00",
                        "0.00",
                        "0.00",
                        "14.00",
                        "0.00"));
        awaitEntries(account, 2);

        assertThat(balance(account)).isEqualByComparingTo("14.00");
        assertThat(componentTotals(account))
                .containsEntry("COPAY", new BigDecimal("14.00"))
                .containsEntry("DEDUCTIBLE", new BigDecimal("0.00"));
        assertThat(claimTotal("clm-8", "INSURANCE_CASH")).isEqualByComparingTo("228.40");
        assertEveryJournalEntryBalances();
    }

    @Test
    void malformedAndUnbalancedRecordsGoToTheDeadLetterTopic() throws Exception {
        String key = "enc-bad-" + UUID.randomUUID();
        raw.kafkaTemplate()
                .send(Topics.PAYMENT_POSTED, key, "not avro".getBytes(StandardCharsets.UTF_8))
                .get(30, TimeUnit.SECONDS);
        registerClaim("clm-6", "MRN-6");
        PaymentPosted unbalanced = BillingEvents.primary(tenant, "clm-6", encounter, "EFT6");
        unbalanced.setPaidAmount(new BigDecimal("168.41"));
        publish(Topics.PAYMENT_POSTED, unbalanced);

        ConsumerRecord<String, byte[]> garbage = Records.awaitRecords(
                        Topics.dlt(Topics.PAYMENT_POSTED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> key.equals(r.key()))
                .get(0);
        ConsumerRecord<String, byte[]> refused = Records.awaitRecords(
                        Topics.dlt(Topics.PAYMENT_POSTED),
                        1,
                        WAIT,
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                        r -> encounter.equals(r.key()))
                .get(0);

        assertThat(header(garbage, DeadLetterConventions.REASON_HEADER)).contains("could not be deserialized");
        assertThat(header(refused, DeadLetterConventions.REASON_HEADER))
                .contains("not retryable")
                .contains("does not balance");
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entry WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void answersThatOvertakeTheirClaimWaitAndArePostedWhenTheClaimArrives() {
        double parkedBefore = meterCount("claimflow.billing.answers.parked");
        double releasedBefore = meterCount("claimflow.billing.answers.released");
        PaymentPosted payment = BillingEvents.primary(tenant, "clm-9", encounter, "EFT9");
        ClaimDenied denial = BillingEvents.nonCovered(tenant, "clm-9b", encounter, "EFT9B");
        publish(Topics.PAYMENT_POSTED, payment);
        publish(Topics.CLAIM_DENIED, denial);
        await().atMost(WAIT)
                .until(
                        () -> jdbc.sql("SELECT count(*) FROM awaiting_claim WHERE tenant_id = ?")
                                .param(tenant)
                                .query(Long.class)
                                .single(),
                        n -> n == 2);
        // redelivered while waiting: still one
        publish(Topics.PAYMENT_POSTED, payment);

        long account = registerClaim("clm-9", "MRN-9");
        awaitEntries(account, 1);
        registerClaim("clm-9b", "MRN-9");
        awaitEntries(account, 2);

        assertThat(entryCount(account, "clm-9")).isEqualTo(1);
        assertThat(entryCount(account, "clm-9b")).isEqualTo(1);
        assertThat(balance(account)).isEqualByComparingTo("289.10"); // 85.10 + the non-covered 204.00
        assertThat(jdbc.sql("SELECT count(*) FROM awaiting_claim WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(meterCount("claimflow.billing.answers.parked") - parkedBefore)
                .isEqualTo(2);
        assertThat(meterCount("claimflow.billing.answers.released") - releasedBefore)
                .isEqualTo(2);
        assertEveryJournalEntryBalances();
    }

    /** A refusal of a parked answer leaves the registering transaction usable: the claim registers, the answer stays. */
    @Test
    void aWaitingAnswerTheRulesRefuseStaysWithItsReasonAndTheClaimStillRegisters() {
        double refusedBefore = meterCount("claimflow.billing.answers.refused");
        PaymentPosted unbalanced = BillingEvents.primary(tenant, "clm-10", encounter, "EFT10");
        unbalanced.setPaidAmount(new BigDecimal("168.41"));
        publish(Topics.PAYMENT_POSTED, unbalanced);
        await().atMost(WAIT)
                .until(
                        () -> jdbc.sql("SELECT count(*) FROM awaiting_claim WHERE tenant_id = ?")
                                .param(tenant)
                                .query(Long.class)
                                .single(),
                        n -> n == 1);

        long account = registerClaim("clm-10", "MRN-10");

        assertThat(jdbc.sql("SELECT refused_reason FROM awaiting_claim WHERE tenant_id = ?")
                        .param(tenant)
                        .query(String.class)
                        .single())
                .contains("does not balance");
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entry WHERE account_id = ?")
                        .param(account)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(meterCount("claimflow.billing.answers.refused") - refusedBefore)
                .isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesAnUnbalancedEntryAndEdits() {
        long account = registerClaim("clm-7", "MRN-7");

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    long id = jdbc.sql(
                                    "INSERT INTO journal_entry (tenant_id, account_id, kind, effective_date, description) "
                                            + "VALUES (?, ?, 'WRITE_OFF', current_date, 'test') RETURNING id")
                            .params(tenant, account)
                            .query(Long.class)
                            .single();
                    jdbc.sql("INSERT INTO journal_line (entry_id, line_no, ledger_account, amount) VALUES (?, 1, "
                                    + "'PATIENT_ADJUSTMENT', 10.00), (?, 2, 'PATIENT_CREDIT', -9.99)")
                            .params(id, id)
                            .update();
                }))
                .hasMessageContaining("does not balance");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-7", encounter, "EFT7"));
        awaitEntries(account, 1);
        assertThatThrownBy(() -> jdbc.sql("UPDATE journal_line SET amount = amount + 1 WHERE entry_id IN "
                                + "(SELECT id FROM journal_entry WHERE account_id = ?)")
                        .param(account)
                        .update())
                .hasMessageContaining("append-only");
    }

    // --- coordination of benefits: the visit (350.00) with two or three payers

    PaymentPosted primaryBilledTo(String claimId, String trace, ClaimStatus status, String code) {
        PaymentPosted paid = BillingEvents.remittance(
                tenant, claimId, encounter, trace, status, code, "350.00", "168.40", "96.50", "50.00", "21.10", "14.00",
                "0.00");
        paid.setNextPayer(BillingEvents.MEDICAID);
        return paid;
    }

    void assertTheVisitReconciles(long account, String cash, String contractual, String patient) {
        Map<String, BigDecimal> byAccount = totalsByLedgerAccount(account);
        assertThat(byAccount.get("GROSS_CHARGES")).as("charged once").isEqualByComparingTo("-350.00");
        assertThat(byAccount.get("INSURANCE_CASH")).isEqualByComparingTo(cash);
        assertThat(byAccount.get("CONTRACTUAL_ADJUSTMENT")).isEqualByComparingTo(contractual);
        assertThat(byAccount.get("PATIENT_RECEIVABLE")).isEqualByComparingTo(patient);
        assertThat(byAccount.getOrDefault("OTHER_ADJUSTMENT", BigDecimal.ZERO))
                .as("the later payers' OA-23 is not a second adjustment")
                .isEqualByComparingTo("0.00");
        assertThat(byAccount.getOrDefault("OTHER_INSURANCE_RECEIVABLE", BigDecimal.ZERO))
                .isEqualByComparingTo("0.00");
        assertThat(byAccount.get("INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        // charge = the payers' payments + contractual adjustments + what the patient owes, to the cent
        assertThat(new BigDecimal(cash).add(new BigDecimal(contractual)).add(new BigDecimal(patient)))
                .isEqualByComparingTo("350.00");
        assertEveryJournalEntryBalances();
    }

    @Test
    void aClaimSentAgainWithEditedChargesBeforeAnyAnswerIsRegisteredWithItsNewTotal() {
        registerClaim("clm-edit", "MRN-EDIT");
        // rejected at the front end, its charges edited by a biller and sent again under the same claim id
        ClaimSubmitted resent = BillingEvents.claimSubmitted(tenant, "clm-edit", encounter, "MRN-EDIT");
        resent.getLines().forEach(l -> l.setChargeAmount(l.getChargeAmount().add(new BigDecimal("10.00"))));
        BigDecimal edited =
                resent.getLines().stream().map(l -> l.getChargeAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        resent.setTotalCharge(edited);
        publish(Topics.CLAIM_SUBMITTED, resent);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(registeredTotal("clm-edit")).isEqualByComparingTo(edited));

        // once a payer's answer posted, a late copy of an earlier submission changes nothing
        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.remittance(
                        tenant,
                        "clm-edit",
                        encounter,
                        "EFT-EDIT",
                        ClaimStatus.PROCESSED_AS_PRIMARY,
                        "1",
                        edited.toPlainString(),
                        edited.subtract(new BigDecimal("50.00")).toPlainString(),
                        "30.00",
                        "0.00",
                        "0.00",
                        "20.00",
                        "0.00"));
        await().atMost(WAIT).until(() -> entryCount(accountOf("clm-edit"), "clm-edit") == 1);
        publish(Topics.CLAIM_SUBMITTED, BillingEvents.claimSubmitted(tenant, "clm-edit", encounter, "MRN-EDIT"));
        registerClaim("clm-edit-marker", "MRN-EDIT");
        assertThat(registeredTotal("clm-edit")).isEqualByComparingTo(edited);
        assertThat(totalsByLedgerAccountOfClaim("clm-edit").get("GROSS_CHARGES"))
                .isEqualByComparingTo(edited.negate());
        assertEveryJournalEntryBalances();
    }

    BigDecimal registeredTotal(String claimId) {
        return jdbc.sql("SELECT total_charge FROM claim WHERE tenant_id = ? AND claim_id = ?")
                .params(tenant, claimId)
                .query(BigDecimal.class)
                .single();
    }

    long accountOf(String claimId) {
        return jdbc.sql("SELECT account_id FROM claim WHERE tenant_id = ? AND claim_id = ?")
                .params(tenant, claimId)
                .query(Long.class)
                .single();
    }

    @Test
    void aSecondaryClaimNeverChargesTheVisitAgainAndThePatientOwesOnlyWhatTheLastPayerLeft() {
        BillingEvents.TwoPayerVisit events = BillingEvents.twoPayerVisit(tenant, encounter, "MRN-COB");
        publish(Topics.CLAIM_SUBMITTED, events.primaryClaim());
        long account = awaitAccount("clm-p");
        publish(Topics.PAYMENT_POSTED, events.primaryAnswer());
        awaitEntries(account, 1);

        // pending with the secondary: not the patient's balance, shown as billed to it
        assertThat(balance(account)).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-p", "OTHER_INSURANCE_RECEIVABLE")).isEqualByComparingTo("85.10");
        assertThat(http.get().uri("/patient-accounts/{id}", account).retrieve().body(String.class))
                .contains("\"billedTo\":\"Ohio Medicaid\"");
        Map<String, Object> run = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        assertThat(run.get("issued"))
                .as("no statement while a payer is pending")
                .isEqualTo(0);

        publish(Topics.CLAIM_SUBMITTED, events.secondaryClaim());
        PaymentPosted secondary = events.secondaryAnswer();
        publish(Topics.PAYMENT_POSTED, secondary);
        // the same remittance again under another event id posts nothing
        publish(
                Topics.PAYMENT_POSTED,
                PaymentPosted.newBuilder(secondary)
                        .setEventId(UUID.randomUUID().toString())
                        .build());
        awaitEntries(account, 2);
        registerClaim("clm-cob-marker", "MRN-COB");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-cob-marker", "enc-marker", "EFT-M"));
        awaitEntries(account, 3);

        assertThat(entryCount(account, "clm-p")).isEqualTo(2);
        assertThat(entryCount(account, "clm-s"))
                .as("the secondary's claim has no ledger of its own")
                .isZero();
        assertThat(claimPatientBalance("clm-p")).isEqualByComparingTo("5.00");
        assertThat(componentTotals(account)).containsEntry("COPAY", new BigDecimal("19.00")); // 5.00 + the marker's
        assertThat(balance(account)).isEqualByComparingTo("90.10"); // 5.00 + the marker visit's 85.10
        Map<String, BigDecimal> visit = totalsByLedgerAccountOfClaim("clm-p");
        assertThat(visit.get("GROSS_CHARGES")).as("charged once").isEqualByComparingTo("-350.00");
        assertThat(visit.get("INSURANCE_CASH")).isEqualByComparingTo("238.50");
        assertThat(visit.get("CONTRACTUAL_ADJUSTMENT")).isEqualByComparingTo("106.50");
        assertThat(visit.get("PATIENT_RECEIVABLE")).isEqualByComparingTo("5.00");
        assertThat(visit.get("OTHER_INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(visit.getOrDefault("OTHER_ADJUSTMENT", BigDecimal.ZERO)).isEqualByComparingTo("0.00");
        assertThat(visit.get("INSURANCE_CASH")
                        .add(visit.get("CONTRACTUAL_ADJUSTMENT"))
                        .add(visit.get("PATIENT_RECEIVABLE")))
                .isEqualByComparingTo("350.00");
        // each payer's part of the visit, for the statement
        assertThat(accountQueries.claimFigures(account, List.of("clm-p")))
                .singleElement()
                .satisfies(f -> assertThat(f.payers())
                        .containsExactly(
                                new AccountQueries.PayerPart(
                                        "Buckeye Health Plan", new BigDecimal("168.40"), new BigDecimal("96.50")),
                                new AccountQueries.PayerPart(
                                        "Ohio Medicaid", new BigDecimal("70.10"), new BigDecimal("10.00"))));
        // the statement shows each payer's part under the visit, kept with the statement
        Map<String, Object> secondRun = http.post()
                .uri("/statement-runs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tenantId", tenant))
                .retrieve()
                .body(JSON);
        long statementId = ((Number) ((List<?>) secondRun.get("statementIds")).get(0)).longValue();
        assertThat(http.get()
                        .uri("/statements/{id}/html", statementId)
                        .retrieve()
                        .body(String.class))
                .contains(
                        "<li>Buckeye Health Plan: paid $168.40, adjusted $96.50</li>",
                        "<li>Ohio Medicaid: paid $70.10, adjusted $10.00</li>",
                        "$238.50");
        assertEveryJournalEntryBalances();
    }

    @Test
    void threePayersReconcileToTheCentAndThePatientOwesWhatTheTertiaryLeft() {
        long account = registerClaim("clm-p3", "MRN-COB3");
        publish(Topics.PAYMENT_POSTED, primaryBilledTo("clm-p3", "EFT-P3", ClaimStatus.PROCESSED_AS_PRIMARY, "1"));
        publish(
                Topics.CLAIM_SUBMITTED,
                BillingEvents.laterPayersClaim(tenant, "clm-s3", encounter, "MRN-COB3", BillingEvents.MEDICAID));
        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.laterPayer(
                        tenant,
                        "clm-s3",
                        encounter,
                        "EFT-S3",
                        BillingEvents.MEDICAID,
                        ClaimStatus.PROCESSED_AS_SECONDARY,
                        "2",
                        "70.10",
                        "10.00",
                        "5.00",
                        BillingEvents.TRICARE));
        awaitEntries(account, 2);
        assertThat(balance(account)).as("still pending with the tertiary").isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-p3", "OTHER_INSURANCE_RECEIVABLE")).isEqualByComparingTo("5.00");

        publish(
                Topics.CLAIM_SUBMITTED,
                BillingEvents.laterPayersClaim(tenant, "clm-t3", encounter, "MRN-COB3", BillingEvents.TRICARE));
        // a tertiary payer that reports itself as primary still does not charge the visit again
        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.laterPayer(
                        tenant,
                        "clm-t3",
                        encounter,
                        "EFT-T3",
                        BillingEvents.TRICARE,
                        ClaimStatus.PROCESSED_AS_PRIMARY,
                        "1",
                        "4.00",
                        "0.00",
                        "1.00",
                        null));
        awaitEntries(account, 3);

        assertThat(balance(account)).isEqualByComparingTo("1.00");
        assertTheVisitReconciles(account, "242.50", "106.50", "1.00");
    }

    @Test
    void aCrossoverPostsTheSecondPayersRemittanceForTheSameClaimOnce() {
        long account = registerClaim("clm-x", "MRN-X");
        publish(
                Topics.PAYMENT_POSTED,
                primaryBilledTo("clm-x", "EFT-X1", ClaimStatus.PROCESSED_AS_PRIMARY_FORWARDED, "19"));
        awaitEntries(account, 1);
        assertThat(balance(account)).isEqualByComparingTo("0.00");

        publish(
                Topics.PAYMENT_POSTED,
                BillingEvents.laterPayer(
                        tenant,
                        "clm-x",
                        encounter,
                        "EFT-X2",
                        BillingEvents.MEDICAID,
                        ClaimStatus.PROCESSED_AS_SECONDARY,
                        "2",
                        "70.10",
                        "10.00",
                        "5.00",
                        null));
        awaitEntries(account, 2);

        assertThat(balance(account)).isEqualByComparingTo("5.00");
        assertTheVisitReconciles(account, "238.50", "106.50", "5.00");
    }

    /** The primary's corrected payment of the visit: paid {@code paid}, CO 96.50, deductible 50.00, coinsurance. */
    PaymentPosted correctedPrimary(String claimId, String trace, String paid) {
        String coinsurance = new BigDecimal("350.00")
                .subtract(new BigDecimal(paid))
                .subtract(new BigDecimal("146.50"))
                .toPlainString();
        PaymentPosted corrected = BillingEvents.remittance(
                tenant,
                claimId,
                encounter,
                trace,
                ClaimStatus.PROCESSED_AS_PRIMARY,
                "1",
                "350.00",
                paid,
                "96.50",
                "50.00",
                coinsurance,
                "0.00",
                "0.00");
        corrected.setNextPayer(BillingEvents.MEDICAID);
        return corrected;
    }

    PaymentPosted secondaryPaid(String claimId, String trace) {
        return BillingEvents.laterPayer(
                tenant,
                claimId,
                encounter,
                trace,
                BillingEvents.MEDICAID,
                ClaimStatus.PROCESSED_AS_SECONDARY,
                "2",
                "70.10",
                "10.00",
                "5.00",
                null);
    }

    /**
     * The primary pays, the secondary pays what was pending with it, then the primary reverses its payment (CLP02 22)
     * and re-adjudicates in the same 835. After the reversal nothing is pending with anyone (it used to be -85.10),
     * the patient owes what the secondary left, and the primary's 264.90 is open with it again, as claim-service
     * shows the visit; the corrected payment settles it, and what the secondary settled beyond the primary's new
     * patient share is held as insurance credit.
     */
    @Test
    void aPrimaryReversalAfterTheSecondaryPaidLeavesNothingPendingNegativeAndItsCorrectionSettlesTheVisit() {
        long account = registerClaim("clm-pr", "MRN-PR");
        publish(Topics.PAYMENT_POSTED, primaryBilledTo("clm-pr", "EFT-PR1", ClaimStatus.PROCESSED_AS_PRIMARY, "1"));
        publish(
                Topics.CLAIM_SUBMITTED,
                BillingEvents.laterPayersClaim(tenant, "clm-sr", encounter, "MRN-PR", BillingEvents.MEDICAID));
        publish(Topics.PAYMENT_POSTED, secondaryPaid("clm-sr", "EFT-SR"));
        awaitEntries(account, 2);

        publish(Topics.PAYMENT_POSTED, BillingEvents.reversal(tenant, "clm-pr", encounter, "EFT-PR2"));
        awaitEntries(account, 3);

        assertThat(claimTotal("clm-pr", "OTHER_INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-pr", "INSURANCE_RECEIVABLE")).isEqualByComparingTo("264.90");
        assertThat(claimTotal("clm-pr", "INSURANCE_CASH")).isEqualByComparingTo("70.10");
        assertThat(claimTotal("clm-pr", "GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        assertThat(balance(account)).isEqualByComparingTo("5.00");
        assertThat((List<?>) http.get()
                        .uri("/patient-accounts/{id}", account)
                        .retrieve()
                        .body(JSON)
                        .get("pendingWithInsurance"))
                .as("nothing pending with a payer, and never a negative amount")
                .allSatisfy(p ->
                        assertThat(money(((Map<?, ?>) p).get("amount"))).isPositive());

        publish(Topics.PAYMENT_POSTED, correctedPrimary("clm-pr", "EFT-PR2", "180.00"));
        awaitEntries(account, 4);

        Map<String, BigDecimal> visit = totalsByLedgerAccountOfClaim("clm-pr");
        assertThat(visit.get("GROSS_CHARGES")).as("charged once").isEqualByComparingTo("-350.00");
        assertThat(visit.get("INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(visit.get("OTHER_INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(visit.get("INSURANCE_CASH")).isEqualByComparingTo("250.10");
        assertThat(visit.get("CONTRACTUAL_ADJUSTMENT")).isEqualByComparingTo("106.50");
        assertThat(visit.get("INSURANCE_CREDIT")).isEqualByComparingTo("-11.60");
        assertThat(visit.get("PATIENT_RECEIVABLE")).isEqualByComparingTo("5.00");
        assertThat(balance(account)).isEqualByComparingTo("5.00");
        assertEveryJournalEntryBalances();
    }

    /**
     * The other order: the primary's reversal arrives before the secondary's payment (the secondary adjudicated on
     * the primary's first answer). The secondary's payment posts (it used to go to the dead-letter topic as a
     * secondary before any primary) and the ledger is the same as when the reversal comes last.
     */
    @Test
    void theSecondarysPaymentAfterThePrimarysReversalPostsAndEndsAsInTheOtherOrder() {
        long account = registerClaim("clm-pb", "MRN-PB");
        publish(Topics.PAYMENT_POSTED, primaryBilledTo("clm-pb", "EFT-PB1", ClaimStatus.PROCESSED_AS_PRIMARY, "1"));
        publish(Topics.PAYMENT_POSTED, BillingEvents.reversal(tenant, "clm-pb", encounter, "EFT-PB2"));
        awaitEntries(account, 2);
        publish(
                Topics.CLAIM_SUBMITTED,
                BillingEvents.laterPayersClaim(tenant, "clm-sb", encounter, "MRN-PB", BillingEvents.MEDICAID));
        publish(Topics.PAYMENT_POSTED, secondaryPaid("clm-sb", "EFT-SB"));
        awaitEntries(account, 3);

        assertThat(claimTotal("clm-pb", "OTHER_INSURANCE_RECEIVABLE")).isEqualByComparingTo("0.00");
        assertThat(claimTotal("clm-pb", "INSURANCE_RECEIVABLE")).isEqualByComparingTo("264.90");
        assertThat(claimTotal("clm-pb", "INSURANCE_CASH")).isEqualByComparingTo("70.10");
        assertThat(claimTotal("clm-pb", "GROSS_CHARGES")).isEqualByComparingTo("-350.00");
        assertThat(balance(account)).isEqualByComparingTo("5.00");
        assertEveryJournalEntryBalances();
    }

    Map<String, BigDecimal> totalsByLedgerAccountOfClaim(String claimId) {
        return totals("e.tenant_id = ? AND e.claim_id = ?", tenant, claimId);
    }

    // --- helpers

    double meterCount(String name) {
        return meters.find(name).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum();
    }

    /**
     * The four consumers mark events per batch (TransactionalBatches.handleOnce) under the consumer names their
     * handlers marked them with before: a batch delivered again takes effect once, and each event has one mark,
     * under its consumer's name.
     */
    @Test
    void aReplayedBatchOfClaimsAndAnswersTakesEffectOnce() {
        ClaimSubmitted paidClaim = BillingEvents.claimSubmitted(tenant, "clm-r1", encounter, "MRN-R");
        ClaimSubmitted deniedClaim = BillingEvents.claimSubmitted(tenant, "clm-r2", encounter, "MRN-R");
        PaymentPosted payment = BillingEvents.primary(tenant, "clm-r1", encounter, "EFT-R1");
        ClaimDenied denial = BillingEvents.nonCovered(tenant, "clm-r2", encounter, "EFT-R2");
        List<Object[]> batch = List.of(
                new Object[] {Topics.CLAIM_SUBMITTED, paidClaim},
                new Object[] {Topics.CLAIM_SUBMITTED, deniedClaim},
                new Object[] {Topics.PAYMENT_POSTED, payment},
                new Object[] {Topics.CLAIM_DENIED, denial});
        batch.forEach(r -> publish((String) r[0], r[1]));
        long account = awaitAccount("clm-r1");
        await().atMost(WAIT).until(() -> entryCount(account, "clm-r1") == 1 && entryCount(account, "clm-r2") == 1);
        BigDecimal balance = balance(account);

        batch.forEach(r -> publish((String) r[0], r[1])); // the same records again
        // markers behind them on each topic's partition (same key): once they took effect, the replay was handled
        registerClaim("clm-r3", "MRN-R");
        registerClaim("clm-r4", "MRN-R");
        publish(Topics.PAYMENT_POSTED, BillingEvents.primary(tenant, "clm-r3", encounter, "EFT-R3"));
        publish(Topics.CLAIM_DENIED, BillingEvents.nonCovered(tenant, "clm-r4", encounter, "EFT-R4"));
        await().atMost(WAIT).until(() -> entryCount(account, "clm-r3") == 1 && entryCount(account, "clm-r4") == 1);

        assertThat(entryCount(account, "clm-r1")).isEqualTo(1);
        assertThat(entryCount(account, "clm-r2")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE tenant_id = ? AND claim_id IN ('clm-r1', 'clm-r2')")
                        .param(tenant)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // the markers are the same payment and denial for two more claims of the account: twice what it owed
        assertThat(balance(account)).isEqualByComparingTo(balance.add(balance));
        assertThat(marks(paidClaim.getEventId(), deniedClaim.getEventId(), payment.getEventId(), denial.getEventId()))
                .containsExactlyInAnyOrder(
                        "patient-billing-service.claim-submitted",
                        "patient-billing-service.claim-submitted",
                        "patient-billing-service.payment-posted",
                        "patient-billing-service.claim-denied");
    }

    List<String> marks(String... eventIds) {
        return jdbc.sql("SELECT consumer_id FROM claimflow_platform.processed_event"
                        + " WHERE event_id = ANY(CAST(? AS uuid[]))")
                .param((Object) eventIds)
                .query(String.class)
                .list();
    }

    long registerClaim(String claimId, String mrn) {
        publish(Topics.CLAIM_SUBMITTED, BillingEvents.claimSubmitted(tenant, claimId, encounter, mrn));
        return awaitAccount(claimId);
    }

    void awaitEntries(long account, int count) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> jdbc.sql("SELECT count(*) FROM journal_entry WHERE account_id = ?")
                                .param(account)
                                .query(Long.class)
                                .single(),
                        n -> n >= count);
    }

    long entryCount(long account, String claimId) {
        return jdbc.sql("SELECT count(*) FROM journal_entry WHERE account_id = ? AND claim_id = ?")
                .params(account, claimId)
                .query(Long.class)
                .single();
    }

    Map<String, BigDecimal> totalsByLedgerAccount(long account) {
        return totals("e.account_id = ?", account);
    }

    Map<String, BigDecimal> totals(String where, Object... params) {
        return jdbc
                .sql("SELECT l.ledger_account, sum(l.amount) FROM journal_line l JOIN journal_entry e "
                        + "ON e.id = l.entry_id WHERE " + where + " GROUP BY 1")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Map<String, BigDecimal> componentTotals(long account) {
        return jdbc
                .sql("SELECT l.component, sum(l.amount) FROM journal_line l JOIN journal_entry e "
                        + "ON e.id = l.entry_id WHERE e.account_id = ? AND l.component IS NOT NULL GROUP BY 1")
                .param(account)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getBigDecimal(2)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    BigDecimal claimPatientBalance(String claimId) {
        return claimTotal(claimId, "PATIENT_RECEIVABLE");
    }

    /** Across the whole database, not just this test's tenant. */
    void assertEveryJournalEntryBalances() {
        assertThat(jdbc.sql("SELECT e.id FROM journal_entry e LEFT JOIN journal_line l ON l.entry_id = e.id "
                                + "GROUP BY e.id HAVING coalesce(sum(l.amount), 0) <> 0 OR count(l.*) < 2")
                        .query(Long.class)
                        .list())
                .isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM journal_entry")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    ResponseEntity<Map<String, Object>> reverse(long account, long payment, Map<String, Object> body) {
        return http.post()
                .uri("/patient-accounts/{a}/payments/{p}/reversal", account, payment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JSON);
    }

    ResponseEntity<Map<String, Object>> refund(long account, String key, Map<String, Object> body) {
        return http.post()
                .uri("/patient-accounts/{id}/refunds", account)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JSON);
    }

    ResponseEntity<Map<String, Object>> pay(long account, String key, Map<String, Object> body) {
        return http.post()
                .uri("/patient-accounts/{id}/payments", account)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JSON);
    }

    static int problem(Runnable call) {
        try {
            call.run();
        } catch (org.springframework.web.client.HttpClientErrorException e) {
            return e.getStatusCode().value();
        }
        throw new AssertionError("expected a 4xx");
    }
}
