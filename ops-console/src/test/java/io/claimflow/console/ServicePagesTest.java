package io.claimflow.console;

import static io.claimflow.console.BrowserSession.csrf;
import static io.claimflow.console.BrowserSession.enc;
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
 * The patient-account and X12 pages against a recording endpoint that answers like patient-billing-service and
 * adjudication-gateway ({@link FakeServices}): what the console asks, as whom, and what it shows. A patients-rep's
 * question ("why do I owe this on my statement") is answered on one page: balance, aging, open items, each
 * statement's visits with deductible / coinsurance / copay, the PDF shown inline; a payment sent twice from the
 * same form carries the same Idempotency-Key and is reported as posted once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ServicePagesTest {

    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"");
    private static final FakeServices SERVICES = new FakeServices();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.patient-billing-service", SERVICES::url);
        registry.add("claimflow.console.services.adjudication-gateway", SERVICES::url);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @BeforeEach
    void clear() {
        SERVICES.calls.clear();
    }

    @Test
    void accountsAreFoundByNameBirthDateMrnAccountOrStatementInAPracticeChosenFromAList() throws Exception {
        BrowserSession rep = new BrowserSession(port, "patient-accounts");
        HttpResponse<String> page =
                rep.get("/patients?tenantId=riverside-fm&name=pat%20ex&birthDate=1961-07-22" + "&sort=-balance&page=1");
        assertThat(page.statusCode()).isEqualTo(200);
        // the practice is chosen from the tenants that have accounts, not typed
        assertThat(page.body())
                .contains(
                        "<option value=\"lakeside-peds\"",
                        "<option value=\"riverside-fm\" selected",
                        "riverside-fm-7",
                        "Pat Example",
                        "1961-07-22",
                        "26–50 of 349",
                        "/claims?mrn=MRN-7");
        // side by side (Services.getAll), each with the caller's credentials
        assertThat(SERVICES.calls)
                .containsExactlyInAnyOrder(
                        "GET /patient-accounts/tenants " + ConsoleTestUsers.basic("patient-accounts"),
                        "GET /patient-accounts/search?tenantId=riverside-fm&name=pat+ex&birthDate=1961-07-22&sort=-balance"
                                + "&page=1&size=25 " + ConsoleTestUsers.basic("patient-accounts"));
        SERVICES.calls.clear();
        rep.get("/patients?accountNumber=riverside-fm-7&statementId=31&mrn=MRN-7");
        assertThat(SERVICES.calls)
                .anySatisfy(call -> assertThat(call)
                        .startsWith("GET /patient-accounts/search?mrn=MRN-7&accountNumber=riverside-fm-7&statementId=31"
                                + "&page=0&size=25"));
        assertThat(rep.get("/patients?name=%3Cscript%3E").statusCode()).isEqualTo(400);
        assertThat(rep.get("/patients?tenantId=a%20b").statusCode()).isEqualTo(400);
    }

    @Test
    void anAccountShowsWhyThePatientOwesItsStatementsAndThePdf() throws Exception {
        BrowserSession rep = new BrowserSession(port, "patient-accounts");
        HttpResponse<String> page = rep.get("/patients/7");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "riverside-fm-7",
                        "45.00",
                        "DAYS_31_60",
                        "clm-7a",
                        "clm-7b",
                        "/claims/clm-7a",
                        "View PDF 31",
                        "/statements/31/pdf",
                        "Dr Example",
                        "103.74",
                        "81.26",
                        "/encounters/enc-7a",
                        "Record payment",
                        "Insurance paid");
        assertThat(SERVICES.calls)
                .containsExactly(
                        "GET /patient-accounts/7?ledgerLines=100 " + ConsoleTestUsers.basic("patient-accounts"),
                        "GET /patient-accounts/7/payments?size=20 " + ConsoleTestUsers.basic("patient-accounts"),
                        "GET /statements?accountId=7 " + ConsoleTestUsers.basic("patient-accounts"));

        HttpResponse<byte[]> pdf =
                rep.http.send(rep.html("/statements/31/pdf").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("inline")
                .contains("statement-31.pdf");
        assertThat(pdf.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(pdf.body()).isEqualTo(FakeServices.PDF);

        HttpResponse<String> missing = rep.get("/statements/32/pdf");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("patient-billing-service answered 404");
    }

    @Test
    void aPaymentSentTwiceFromTheSameFormIsPostedOnce() throws Exception {
        BrowserSession rep = new BrowserSession(port, "patient-accounts");
        String form = rep.get("/patients/7").body();
        Matcher key = KEY.matcher(form);
        assertThat(key.find()).isTrue();
        String payment = "idempotencyKey=" + enc(key.group(1)) + "&amount=20.00&method=CARD&reference=auth+1"
                + "&receivedOn=2026-03-01&claimId=clm-7a&_csrf=" + enc(csrf(form));
        SERVICES.calls.clear();
        assertThat(rep.post("/patients/7/payments", payment)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .endsWith("/patients/7");
        assertThat(rep.get("/patients/7").body()).contains("Recorded payment 91 of 20.0", "balance is now 25.0");
        rep.post("/patients/7/payments", payment);
        assertThat(rep.get("/patients/7").body()).contains("Already recorded: payment 91", "posted once");
        assertThat(SERVICES.calls.stream().filter(c -> c.startsWith("POST")).toList())
                .containsExactly(
                        "POST /patient-accounts/7/payments " + ConsoleTestUsers.basic("patient-accounts") + " "
                                + key.group(1),
                        "POST /patient-accounts/7/payments " + ConsoleTestUsers.basic("patient-accounts") + " "
                                + key.group(1));
        // a new form is a new payment
        Matcher next = KEY.matcher(rep.get("/patients/7").body());
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).isNotEqualTo(key.group(1));

        SERVICES.calls.clear();
        String bad = "idempotencyKey=" + enc(next.group(1)) + "&amount=12.345&method=CARD&_csrf="
                + enc(csrf(rep.get("/patients/7").body()));
        SERVICES.calls.clear();
        rep.post("/patients/7/payments", bad);
        assertThat(SERVICES.calls.stream().filter(c -> c.startsWith("POST")).toList())
                .isEmpty();
        assertThat(rep.get("/patients/7").body()).contains("The amount must be dollars and cents");
    }

    @Test
    void aClaimsX12FilesAreListedForABillerAndTheContentShownWhereTheGatewayAllowsIt() throws Exception {
        BrowserSession biller = new BrowserSession(port, "biller");
        HttpResponse<String> files = biller.get("/claims/clm-x/x12");
        assertThat(files.statusCode()).isEqualTo(200);
        assertThat(files.body())
                .contains("837P", "999", "835", "CLP 1 paid 103.74", "/x12/5", "/x12/8")
                .doesNotContain("<html");
        assertThat(SERVICES.calls)
                .containsExactly("GET /api/adjudication/claims/clm-x/x12-history " + ConsoleTestUsers.basic("biller"));
        HttpResponse<String> refused = biller.get("/x12/5");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("837P", "adjudication-gateway answered 403", "administrators only")
                .doesNotContain("ST*837");

        BrowserSession admin = new BrowserSession(port, "admin");
        HttpResponse<String> file = admin.get("/x12/5");
        assertThat(file.body()).contains("ISA*00*", "ST*837*0001*005010X222A1~\n", "IEA*1*000000001~");
        assertThat(new BrowserSession(port, "coder").get("/claims/clm-x/x12").statusCode())
                .isEqualTo(403);
        HttpResponse<String> unknown = biller.get("/claims/clm-unknown/x12");
        assertThat(unknown.body()).contains("adjudication-gateway answered 404");
    }
}
