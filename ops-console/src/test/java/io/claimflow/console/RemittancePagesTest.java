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
 * deposit, the unmatched 835 claims, and an administrator's retry of a quarantined file. A biller sees the deposit.
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
                  "payerClaimNumber":"P-9","statusCode":"1","charge":90.00,"paid":60.00,"interchangeId":40}]""");
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
                        "RECOUPMENT",
                        "WO",
                        "Yes");
        assertThat(GATEWAY.authorizations).allMatch(a -> a.equals(ConsoleTestUsers.basic("biller")));
        assertThat(biller.get("/remittances?traceNumber=%27%3B--").body()).contains("A trace number is");
        assertThat(biller.get("/remittances/quarantine").statusCode()).isEqualTo(403);
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
