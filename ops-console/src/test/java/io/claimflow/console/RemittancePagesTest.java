package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Remittance work (issue 21 item 3) against an endpoint answering like adjudication-gateway: an 835 uploaded from
 * the browser reaches the gateway as the file it is, a deposit by trace number with its claims and its PLB per
 * deposit (each claim's and line's adjustments and remark codes with their descriptions), the unmatched 835 claims
 * with a match by hand to a claim found by its number, and an administrator's retry of a quarantined file. A biller
 * sees the deposit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class RemittancePagesTest {

    private static final ScriptedServices GATEWAY = new ScriptedServices();
    private static final String X12 =
            "ISA*00*          *00*          *ZZ*BKHP1          *ZZ*CLAIMFLOW      *260301*1200*^*"
                    + "00501*000000007*0*T*:~GS*HP*BKHP1*CLAIMFLOW*20260301*1200*7*X*005010X221A1~";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.adjudication-gateway", GATEWAY::url);
        registry.add("claimflow.console.services.claim-service", GATEWAY::url);
    }

    @AfterAll
    static void stop() {
        GATEWAY.close();
    }

    @BeforeEach
    void reset() {
        GATEWAY.reset();
        GATEWAY.json("GET /api/adjudication/remittances/unmatched?limit=100", 200, """
                [{"remittanceId":12,"payerKey":"BKHP1","traceNumber":"EFT77","patientControlNumber":"PCN-UNKNOWN",
                  "payerClaimNumber":"P-9","statusCode":"1","charge":90.00,"paid":60.00,"interchangeId":40,
                  "remittanceClaimId":31}]""");
    }

    @Test
    void aBillerUploadsAn835FindsTheDepositWithItsClaimsAndPlbAndSeesTheUnmatched() throws Exception {
        GATEWAY.json("POST /api/adjudication/remittances/upload", 201, """
                {"interchangeId":41,"transactionType":"835","status":"PROCESSED","detail":"1 claim(s) posted"}""");
        GATEWAY.json("GET /api/adjudication/remittances?traceNumber=EFT77", 200, """
                [{"id":12,"payerKey":"BKHP1","traceNumber":"EFT77","paymentAmount":95.00,"creditDebit":"C",
                  "paymentDate":"2026-03-01","claimCount":2,"postedAt":"2026-03-01T12:00:00Z"}]""");
        GATEWAY.json("GET /api/adjudication/remittances/12", 200, """
                {"id":12,"payerKey":"BKHP1","traceNumber":"EFT77","interchangeId":40,"payerId":"BKHP1",
                 "payerName":"Buckeye Health Plan","paymentMethod":"ACH","paymentDate":"2026-03-01",
                 "postedAt":"2026-03-01T12:00:00Z","paymentAmount":95.00,"claimPayments":100.00,
                 "providerAdjustmentTotal":5.00,"reconciled":true,
                 "claims":[{"claimId":"clm-1","patientControlNumber":"PCN-1","payerClaimNumber":"P-1","statusCode":"1",
                   "charge":120.00,"paid":40.00,"patientResponsibility":25.00,"outcome":"PAID","overpaidAmount":null,
                   "matchedBy":"PATIENT_CONTROL_NUMBER"},
                  {"claimId":null,"patientControlNumber":"PCN-UNKNOWN","payerClaimNumber":"P-9","statusCode":"1",
                   "charge":90.00,"paid":60.00,"patientResponsibility":0.00,"outcome":"UNMATCHED",
                   "overpaidAmount":null,"matchedBy":null}],
                 "providerAdjustments":[{"providerId":"1847362914","fiscalPeriodDate":"2026-12-31",
                   "reasonCode":"WO","kind":"RECOUPMENT","reference":"P-0","amount":5.00}]}""");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        String page = biller.get("/remittances").body();
        assertThat(page).contains("Upload an 835", "PCN-UNKNOWN", "/remittances/12");

        String boundary = "----claimflow" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + ConsoleBrowserSession.csrf(page) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"era.835\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + X12 + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = biller.http.send(
                biller.html("/remittances/upload")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.ISO_8859_1))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.headers().firstValue("Location").orElse("")).endsWith("/remittances");
        assertThat(GATEWAY.posts()).containsExactly("POST /api/adjudication/remittances/upload " + X12);
        assertThat(biller.get("/remittances").body()).contains("File taken as interchange 41: posted");

        assertThat(biller.get("/remittances?traceNumber=EFT77").body()).contains("Deposit 12", "95.00");
        String deposit = biller.get("/remittances/12").body();
        assertThat(deposit)
                .contains(
                        "Buckeye Health Plan",
                        "EFT77",
                        "/work/claims/clm-1",
                        "PATIENT_CONTROL_NUMBER",
                        "not matched yet",
                        "Recoupment of an earlier overpayment",
                        "WO",
                        "Yes");
        assertThat(GATEWAY.authorizations).allMatch(a -> a.equals(ConsoleTestUsers.basic("biller")));
        assertThat(biller.get("/remittances?traceNumber=%27%3B--").body()).contains("A trace number is");
        assertThat(biller.get("/remittances/quarantine").statusCode()).isEqualTo(403);
    }

    @Test
    void aBillerFindsAClaimByItsNumberAndMatchesAnUnmatched835ClaimToIt() throws Exception {
        GATEWAY.json("GET /claims?claimIdPrefix=clm-7&sort=-createdAt&size=10", 200, """
                {"items":[{"claimId":"clm-7a1","encounterId":"enc-7","tenantId":"riverside-fm","status":"SUBMITTED",
                  "payerId":"BKHP1","payerName":"Buckeye Health Plan","dateOfService":"2026-02-20",
                  "totalCharge":90.00,"paidAmount":0.00}],"page":0,"size":10,"total":1}""");
        GATEWAY.json("POST /api/adjudication/remittances/unmatched/31/match", 200, """
                {"remittanceClaimId":31,"remittanceId":12,"traceNumber":"EFT77","claimId":"clm-7a1",
                 "outcome":"PAID","paid":60.00,"charge":90.00,"overpaidAmount":null,"matchedBy":"MANUAL",
                 "matchedByUser":"biller"}""");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        String page = biller.get("/remittances").body();
        assertThat(page).contains("Find the claim", "name=\"claimNumber\"", "name=\"matchFor\" value=\"31\"");

        String found = biller.get("/remittances?matchFor=31&claimNumber=clm-7").body();
        assertThat(found)
                .contains("clm-7a1", "Buckeye Health Plan", "riverside-fm", "2026-02-20")
                .contains("Match to claim clm-7a1");
        String done = biller.submit(
                "/remittances?matchFor=31&claimNumber=clm-7",
                "/remittances/unmatched/31/match",
                "claimId=clm-7a1&tenantId=riverside-fm");
        assertThat(done).endsWith("/remittances");
        assertThat(GATEWAY.posts())
                .containsExactly("POST /api/adjudication/remittances/unmatched/31/match "
                        + "{\"claimId\":\"clm-7a1\",\"tenantId\":\"riverside-fm\"}");
        assertThat(biller.get("/remittances").body())
                .contains("The 835 claim of trace EFT77 is matched to claim clm-7a1 and posted: paid 60.00 of 90.00");

        // the gateway refuses (matched before by someone else): its reason in words, no JSON
        GATEWAY.json("POST /api/adjudication/remittances/unmatched/31/match", 409, """
                {"type":"about:blank","title":"Conflict","status":409,
                 "detail":"remittance claim 31 was matched before, to claim clm-1 (by hand, by biller2, PAID): it is not posted again"}""");
        biller.submit("/remittances", "/remittances/unmatched/31/match", "claimId=clm-7a1&tenantId=riverside-fm");
        String refused = biller.get("/remittances").body();
        assertThat(refused)
                .contains("Not matched: remittance claim 31 was matched before, to claim clm-1")
                .doesNotContain("about:blank");

        // no claim with that number; a number that is no claim number
        GATEWAY.json("GET /claims?claimIdPrefix=zzz&sort=-createdAt&size=10", 200, """
                {"items":[],"page":0,"size":10,"total":0}""");
        assertThat(biller.get("/remittances?matchFor=31&claimNumber=zzz").body())
                .contains("No claim number starts with zzz");
        assertThat(biller.get("/remittances?matchFor=31&claimNumber=%3Cb%3E").body())
                .contains("A claim number has letters, digits")
                .doesNotContain("<b>");
    }

    @Test
    void theDepositShowsEachLinesAdjustmentsAndRemarkCodesWithTheirDescriptions() throws Exception {
        GATEWAY.json("GET /api/adjudication/remittances/14", 200, """
                {"id":14,"payerKey":"BKHP1","traceNumber":"EFT78","interchangeId":40,"payerId":"BKHP1",
                 "payerName":"Buckeye Health Plan","paymentMethod":"EFT","paymentDate":"2026-03-01",
                 "postedAt":"2026-03-01T12:00:00Z","paymentAmount":115.25,"claimPayments":120.00,
                 "providerAdjustmentTotal":4.75,"reconciled":true,
                 "claims":[{"claimId":"clm-2","patientControlNumber":"PCN-2","payerClaimNumber":"P-2","statusCode":"1",
                   "charge":210.00,"paid":120.00,"patientResponsibility":25.00,"outcome":"PARTIALLY_DENIED",
                   "overpaidAmount":null,"matchedBy":"MANUAL","matchedByUser":"biller","adjudicationKept":true,
                   "adjustments":[],"remarkCodes":["MA130"],
                   "lines":[{"lineItemControlNumber":"clm-2-1","procedureCode":"99214","modifiers":["25"],
                     "dateOfService":"2026-02-20","units":1,"charge":165.00,"allowed":145.00,"paid":120.00,
                     "adjustments":[{"group":"CO","reasonCode":"45","amount":20.00},
                                    {"group":"PR","reasonCode":"3","amount":25.00}],"remarkCodes":[]},
                    {"lineItemControlNumber":"clm-2-2","procedureCode":"83036","modifiers":[],
                     "dateOfService":"2026-02-20","units":1,"charge":45.00,"allowed":null,"paid":0.00,
                     "adjustments":[{"group":"CO","reasonCode":"16","amount":45.00}],"remarkCodes":["M119"]}]}],
                 "providerAdjustments":[{"providerId":"1847362914","fiscalPeriodDate":"2026-12-31",
                   "reasonCode":"L6","kind":"INTEREST","reference":"INT-1","amount":-5.25},
                   {"providerId":"1847362914","fiscalPeriodDate":"2026-12-31",
                   "reasonCode":"WO","kind":"RECOUPMENT","reference":"P-0","amount":10.00}]}""");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");

        String deposit = biller.get("/remittances/14").body();

        assertThat(deposit)
                .contains("99214", "165.00", "145.00", "120.00")
                .contains("CO-45", "Charge exceeds fee schedule")
                .contains("PR-3", "Co-payment")
                .contains("CO-16", "lacks information")
                .contains("M119", "National Drug Code")
                .contains("MA130")
                .contains("matched by hand by biller")
                .contains("Interest", "INT-1", "Recoupment");
    }

    @Test
    void anAdministratorRetriesAQuarantinedFile() throws Exception {
        GATEWAY.json("GET /api/adjudication/quarantine", 200, """
                [{"id":3,"interchangeId":44,"reason":"CLP02 99 is not a claim status code","status":"OPEN",
                  "quarantinedAt":"2026-03-01T12:00:00Z","resolvedAt":null}]""");
        GATEWAY.json("POST /api/adjudication/quarantine/3/retry", 200, """
                {"interchangeId":44,"transactionType":"835","status":"QUARANTINED","detail":"still CLP02 99"}""");
        ConsoleBrowserSession admin = new ConsoleBrowserSession(port, "admin");
        assertThat(admin.get("/remittances/quarantine").body())
                .contains("CLP02 99 is not a claim status code", "Retry file 3");
        admin.submit("/remittances/quarantine", "/remittances/quarantine/3/retry", "x=1");
        assertThat(GATEWAY.posts()).containsExactly("POST /api/adjudication/quarantine/3/retry {}");
        assertThat(admin.get("/remittances/quarantine").body())
                .contains("Quarantined file 3 retried: QUARANTINED again (still CLP02 99)");
    }
}
