package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A claim of a visit more than one payer answers (coordination of benefits) links the visit's other payers' claims and
 * shows each payer's part of the visit's money, as claim-service's claim answers it; a claim with one payer shows no
 * such section.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ClaimVisitPayersPageTest {

    private static final ScriptedServices SERVICES = new ScriptedServices();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.claim-service", SERVICES::url);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @BeforeEach
    void reset() {
        SERVICES.reset();
    }

    @Test
    void aSecondaryClaimLinksThePrimarysClaimAndShowsEachPayersPartOfTheVisit() throws Exception {
        SERVICES.json(
                "GET /claims/clm-s", 200, ClaimActionsPageTest.claim("clm-s", "SUBMITTED", "MCDOH", "[]", "[]", """
                        ,"payerSequence":2,"priorPayerClaimId":"clm-p","nextPayerClaimIds":[],
                        "visit":{"charge":350.00,"payers":[
                          {"payerSequence":1,"payerId":"BKHP1","claimId":"clm-p","paid":168.40,"contractual":96.50}],
                         "paid":168.40,"contractual":96.50,"patientShare":85.10,"open":0.00,"settled":false,
                         "pendingClaimId":"clm-s"}"""));
        SERVICES.json("GET /claims/clm-p", 200, ClaimActionsPageTest.claim("clm-p", "PAID", "BKHP1", "[]", "[]", """
                        ,"payerSequence":1,"priorPayerClaimId":null,"nextPayerClaimIds":["clm-s"],
                        "visit":{"charge":350.00,"payers":[
                          {"payerSequence":1,"payerId":"BKHP1","claimId":"clm-p","paid":168.40,"contractual":96.50},
                          {"payerSequence":2,"payerId":"MCDOH","claimId":"clm-s","paid":70.10,"contractual":10.00}],
                         "paid":238.50,"contractual":106.50,"patientShare":5.00,"open":0.00,"settled":true,
                         "pendingClaimId":null}"""));
        SERVICES.json(
                "GET /claims/clm-one", 200, ClaimActionsPageTest.claim("clm-one", "PAID", "BKHP1", "[]", "[]", """
                        ,"payerSequence":1,"priorPayerClaimId":null,"nextPayerClaimIds":[],
                        "visit":{"charge":120.00,"payers":[
                          {"payerSequence":1,"payerId":"BKHP1","claimId":"clm-one","paid":90.00,"contractual":10.00}],
                         "paid":90.00,"contractual":10.00,"patientShare":20.00,"open":0.00,"settled":true,
                         "pendingClaimId":null}"""));
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");

        assertThat(biller.get("/work/claims/clm-s").body())
                .contains(
                        "The visit's payers",
                        "Payer 2 of the visit; the earlier payer&#39;s claim:",
                        "href=\"/work/claims/clm-p\"",
                        "168.40",
                        "Patient share 85.10, pending with claim")
                .doesNotContain("raw", "Exception");
        assertThat(biller.get("/work/claims/clm-p").body())
                .contains(
                        "The next payer's claim:",
                        "href=\"/work/claims/clm-s\"",
                        "70.10",
                        "10.00",
                        "Paid 238.50, contractual 106.50, patient share 5.00, open 0.00 of the charge 350.00");
        assertThat(biller.get("/work/claims/clm-one").body()).doesNotContain("The visit's payers");
    }
}
