package io.claimflow.console;

import static io.claimflow.console.ConsoleBrowserSession.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Patient payments in the console (issue 21 item 5) against an endpoint answering like patient-billing-service: the
 * Back button cannot post a payment twice, a payment is reversed and credit refunded with a reason, a receipt, and
 * the ledger as people read it (what each entry did to what the patient owes, with the balance after it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class PatientPaymentsPageTest {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    private static final ScriptedServices SERVICES = new ScriptedServices();
    private static final String PAYMENT = """
            {"paymentId":91,"accountId":7,"journalEntryId":12,"amount":20.00,"method":"CARD",
             "receivedOn":"2026-03-01","applied":[{"claimId":"clm-7a","amount":20.00}],"toCredit":0.00,
             "balanceAfter":5.00,"created":true}""";
    private static final String RECEIPT = """
            {"paymentId":91,"accountId":7,"accountNumber":"riverside-fm-7","amount":20.00,"method":"CARD",
             "reference":"auth 1","receivedOn":"2026-03-01","recordedAt":"2026-03-01T15:04:05Z",
             "applied":[{"claimId":"clm-7a","amount":20.00}],"toCredit":0.00,"status":"POSTED",
             "reversalReason":null,"reversedBy":null,"reversedAt":null}""";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.patient-billing-service", SERVICES::url);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @BeforeEach
    void script() {
        SERVICES.reset();
        SERVICES.json("GET /patient-accounts/7?ledgerLines=100", 200, """
                {"id":7,"tenantId":"riverside-fm","accountNumber":"riverside-fm-7","patientRef":"MRN-7",
                 "guarantorName":"Pat Example","address":[],"balance":5.00,"credit":0.00,
                 "aging":{"buckets":{"CURRENT":5.00},"credit":0.00,"balance":5.00},
                 "openClaims":[{"claimId":"clm-7a","balance":5.00,"responsibleSince":"2026-01-02"}],
                 "statementsSinceLastPayment":0,"collections":false,"paymentPlan":null,
                 "ledger":[
                  {"entryId":12,"lineNo":1,"kind":"PATIENT_PAYMENT","effectiveDate":"2026-03-01",
                   "description":"patient payment card auth 1","ledgerAccount":"PATIENT_CASH","claimId":null,
                   "component":null,"amount":20.00,"postedAt":"2026-03-01T15:04:05Z"},
                  {"entryId":12,"lineNo":2,"kind":"PATIENT_PAYMENT","effectiveDate":"2026-03-01",
                   "description":"patient payment card auth 1","ledgerAccount":"PATIENT_RECEIVABLE",
                   "claimId":"clm-7a","component":null,"amount":-20.00,"postedAt":"2026-03-01T15:04:05Z"},
                  {"entryId":3,"lineNo":1,"kind":"REMITTANCE","effectiveDate":"2026-01-02",
                   "description":"payer remittance EFT1","ledgerAccount":"GROSS_CHARGES","claimId":"clm-7a",
                   "component":null,"amount":-210.00,"postedAt":"2026-01-02T10:00:00Z"},
                  {"entryId":3,"lineNo":2,"kind":"REMITTANCE","effectiveDate":"2026-01-02",
                   "description":"payer remittance EFT1","ledgerAccount":"INSURANCE_CASH","claimId":"clm-7a",
                   "component":null,"amount":103.74,"postedAt":"2026-01-02T10:00:00Z"},
                  {"entryId":3,"lineNo":3,"kind":"REMITTANCE","effectiveDate":"2026-01-02",
                   "description":"payer remittance EFT1","ledgerAccount":"CONTRACTUAL_ADJUSTMENT",
                   "claimId":"clm-7a","component":null,"amount":81.26,"postedAt":"2026-01-02T10:00:00Z"},
                  {"entryId":3,"lineNo":4,"kind":"REMITTANCE","effectiveDate":"2026-01-02",
                   "description":"payer remittance EFT1","ledgerAccount":"PATIENT_RECEIVABLE","claimId":"clm-7a",
                   "component":"COPAY","amount":25.00,"postedAt":"2026-01-02T10:00:00Z"}]}""");
        SERVICES.json("GET /statements?accountId=7", 200, "[]");
        SERVICES.json("GET /patient-accounts/7/payments?size=20", 200, "[" + RECEIPT + "]");
        SERVICES.json("POST /patient-accounts/7/payments", 201, PAYMENT);
        SERVICES.json("GET /patient-accounts/7/payments/91", 200, RECEIPT);
    }

    @Test
    void theBackButtonCannotPostAPaymentASecondTime() throws Exception {
        ConsoleBrowserSession rep = new ConsoleBrowserSession(port, "patient-accounts");
        HttpResponse<String> page = rep.get("/patients/7");
        // the page is not kept, and a browser does not fill the form in again when it is shown again
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body()).containsPattern("<form id=\"payment\"[^>]*autocomplete=\"off\"");

        String payment = "&amount=20.00&method=CARD&reference=auth+1&receivedOn=2026-03-01&claimId=clm-7a";
        String first = key(page.body());
        rep.submit("/patients/7", "/patients/7/payments", "idempotencyKey=" + enc(first) + payment);
        assertThat(rep.get("/patients/7").body()).contains("Recorded payment 91 of 20.0");

        // Back, the same payment again in a form shown anew (a new key): not posted, the rep is asked
        String second = key(rep.get("/patients/7").body());
        assertThat(second).isNotEqualTo(first);
        SERVICES.calls.clear();
        rep.submit("/patients/7", "/patients/7/payments", "idempotencyKey=" + enc(second) + payment);
        assertThat(SERVICES.posts()).isEmpty();
        String asked = rep.get("/patients/7").body();
        assertThat(asked)
                .contains(
                        "The same payment (20.00, CARD) was recorded on this account",
                        "payment 91",
                        "This is another payment");

        // the rep says it is another payment: posted, with the second form's key
        rep.submit(
                "/patients/7",
                "/patients/7/payments",
                "idempotencyKey=" + enc(second) + payment + "&anotherPayment=yes");
        assertThat(SERVICES.posts())
                .singleElement()
                .asString()
                .startsWith("POST /patient-accounts/7/payments [" + second + "]");
    }

    @Test
    void aPaymentIsReversedAndCreditRefundedWithAReason() throws Exception {
        SERVICES.json("POST /patient-accounts/7/payments/91/reversal", 201, """
                {"paymentId":91,"accountId":7,"reversalEntryId":14,"reason":"entered twice","reversedBy":"patient-accounts",
                 "reversedAt":"2026-03-01T15:10:00Z","balanceAfter":25.00,"created":true}""");
        SERVICES.json("POST /patient-accounts/7/refunds", 201, """
                {"refundId":4,"accountId":7,"journalEntryId":15,"amount":4.90,"method":"CHECK",
                 "reason":"overpaid","refundedBy":"patient-accounts","balanceAfter":0.00,"created":true}""");
        ConsoleBrowserSession rep = new ConsoleBrowserSession(port, "patient-accounts");
        String page = rep.get("/patients/7").body();
        assertThat(page).contains("/patients/7/payments/91", "Reverse payment 91");

        rep.submit("/patients/7", "/patients/7/payments/91/reverse", "reason=");
        assertThat(SERVICES.posts()).isEmpty();
        assertThat(rep.get("/patients/7").body()).contains("Give the reason for the reversal");
        rep.submit("/patients/7", "/patients/7/payments/91/reverse", "reason=entered+twice");
        assertThat(SERVICES.posts())
                .containsExactly("POST /patient-accounts/7/payments/91/reversal {\"reason\":\"entered twice\"}");
        assertThat(rep.get("/patients/7").body())
                .contains("Payment 91 reversed (entered twice); the balance is now 25.0");

        SERVICES.calls.clear();
        String refundKey = Pattern.compile("name=\"refundKey\" value=\"([^\"]+)\"")
                .matcher(page)
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        rep.submit(
                "/patients/7",
                "/patients/7/refunds",
                "refundKey=" + enc(refundKey) + "&amount=4.90&method=CHECK&reason=overpaid");
        assertThat(SERVICES.posts())
                .containsExactly("POST /patient-accounts/7/refunds [" + refundKey + "] "
                        + "{\"amount\":4.90,\"method\":\"CHECK\",\"reason\":\"overpaid\"}");
        assertThat(rep.get("/patients/7").body()).contains("Refunded 4.90 by CHECK (overpaid)");
        assertThat(SERVICES.authorizations).allMatch(a -> a.equals(ConsoleTestUsers.basic("patient-accounts")));
    }

    @Test
    void aReceiptAndTheLedgerAsPeopleReadIt() throws Exception {
        ConsoleBrowserSession rep = new ConsoleBrowserSession(port, "patient-accounts");
        HttpResponse<String> receipt = rep.get("/patients/7/payments/91");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body())
                .contains(
                        "Receipt for payment 91", "riverside-fm-7", "20.00", "CARD", "auth 1", "2026-03-01", "clm-7a");

        String page = rep.get("/patients/7").body();
        int ledger = page.indexOf("id=\"ledger\"");
        assertThat(ledger).isPositive();
        String table = page.substring(ledger, page.indexOf("</table>", ledger));
        // one row per entry, newest first, in words, with the balance after each
        assertThat(table)
                .doesNotContain("PATIENT_RECEIVABLE", "GROSS_CHARGES", "INSURANCE_CASH")
                .contains("Payment received", "Insurance paid", "210.00", "103.74", "81.26", "25.00", "-20.00");
        assertThat(table.indexOf(">Payment received<"))
                .isPositive()
                .isLessThan(table.indexOf(">Insurance paid</span>"));
        Matcher balances = Pattern.compile("class=\"num balance\">([^<]*)<").matcher(table);
        assertThat(balances.results().map(m -> m.group(1)).toList()).containsExactly("5.00", "25.00");
        assertThat(new ConsoleBrowserSession(port, "biller")
                        .get("/patients/7/payments/91")
                        .statusCode())
                .isEqualTo(403);
    }

    private static String key(String page) {
        Matcher key = KEY.matcher(page);
        assertThat(key.find()).isTrue();
        return key.group(1);
    }
}
