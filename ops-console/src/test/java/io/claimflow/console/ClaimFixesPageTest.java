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
 * Edit charges and the timely-filing forms on {@code /work/claims/{claimId}} (issue 21 item 2), against an endpoint
 * answering like claim-service: a line's charge changed (only what changed is sent), a claim past timely filing
 * released with a delay reason chosen by its name and the proof claim-service assembled, and a timely-filing denial
 * appealed with that proof.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ClaimFixesPageTest {

    private static final ScriptedServices SERVICES = new ScriptedServices();

    private static final String LINES = "[{\"lineNumber\":1,\"procedureCode\":\"99214\",\"modifiers\":[],\"units\":1,"
            + "\"diagnosisPointers\":[1],\"unitPrice\":165.00,\"charge\":165.00},{\"lineNumber\":2,\"procedureCode\":"
            + "\"83036\",\"modifiers\":[],\"units\":1,\"diagnosisPointers\":[1],\"unitPrice\":45.00,\"charge\":45.00}]";
    private static final String PROOF = "orig filed 2025-11-03 payer ICN 2025307000451 claim clm-20251103-000451";

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

    static String timelyFiling(boolean denied) {
        return """
                {"deadline":"2025-11-30","pastDeadline":true,"firstSubmittedOn":"2025-11-03",
                 "firstClaimId":"clm-20251103-000451","payerClaimNumber":"2025307000451",
                 "deniedForTimelyFiling":%s,"proofNote":"%s","delayReasons":[]}""".formatted(denied, PROOF);
    }

    @Test
    void aLateHeldClaimsChargeIsEditedAndItIsReleasedWithADelayReasonAndTheAssembledProof() throws Exception {
        SERVICES.json(
                "GET /claims/clm-tf",
                200,
                ClaimActionsPageTest.claim(
                        "clm-tf",
                        "HELD",
                        "BKHP1",
                        "[{\"ruleId\":\"TIMELY_FILING\",\"message\":\"the payer's timely-filing window of 365 days"
                                + " ended on 2025-11-30\"}]",
                        LINES,
                        ""));
        SERVICES.json("GET /claims/clm-tf/timely-filing", 200, timelyFiling(false));
        SERVICES.json(
                "PATCH /claims/clm-tf/lines",
                200,
                ClaimActionsPageTest.claim("clm-tf", "HELD", "BKHP1", "[]", LINES, "")
                        .replace("\"totalCharge\":120.00", "\"totalCharge\":255.50"));
        SERVICES.json(
                "POST /claims/clm-tf/late-release",
                200,
                ClaimActionsPageTest.claim("clm-tf", "SUBMITTED", "BKHP1", "[]", LINES, ""));
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        assertThat(biller.get("/work/claims/clm-tf").body())
                .contains(
                        "Edit charges",
                        "Save line 1",
                        "Save line 2",
                        "Past timely filing: release with a delay reason",
                        "ended on 2025-11-30",
                        "7: Third party processing delay",
                        "15: Natural disaster",
                        "value=\"" + PROOF + "\"",
                        "Write off");

        // bad input stays in the console: nothing sent
        biller.submit(
                "/work/claims/clm-tf",
                "/work/claims/clm-tf/lines/1",
                "charge=-3&units=1&was-charge=165.00&was-units=1");
        biller.submit(
                "/work/claims/clm-tf",
                "/work/claims/clm-tf/late-release",
                "delayReasonCode=12&claimNote=orig+filed+2025-11-03");
        biller.submit(
                "/work/claims/clm-tf",
                "/work/claims/clm-tf/late-release",
                "delayReasonCode=7&claimNote=proof~NTE*ADD*x");
        assertThat(SERVICES.posts()).isEmpty();

        // only the charge changed: only the charge is sent
        biller.submit(
                "/work/claims/clm-tf",
                "/work/claims/clm-tf/lines/1",
                "charge=210.50&units=1&was-charge=165.00&was-units=1");
        assertThat(SERVICES.posts())
                .containsExactly("PATCH /claims/clm-tf/lines {\"lines\":[{\"lineNumber\":1,\"charge\":210.50}]}");
        assertThat(biller.get("/work/claims/clm-tf").body())
                .contains("Line 1 of claim clm-tf changed, total charge now 255.50, now HELD");

        SERVICES.calls.clear();
        biller.submit(
                "/work/claims/clm-tf",
                "/work/claims/clm-tf/late-release",
                "delayReasonCode=9&claimNote=" + PROOF.replace(" ", "+"));
        assertThat(SERVICES.posts())
                .containsExactly(
                        "POST /claims/clm-tf/late-release {\"delayReasonCode\":\"9\",\"claimNote\":\"" + PROOF + "\"}");
        assertThat(biller.get("/work/claims/clm-tf").body())
                .contains("Claim clm-tf released late with delay reason 9 (Original claim rejected or denied due to a"
                        + " reason unrelated to the billing limitation rules), now SUBMITTED");
        assertThat(SERVICES.authorizations).allMatch(a -> a.equals(ConsoleTestUsers.basic("biller")));
        assertThat(new ConsoleBrowserSession(port, "coder")
                        .post("/work/claims/clm-tf/late-release", "delayReasonCode=9&claimNote=x")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRefusedEditShowsClaimServicesAnswer() throws Exception {
        SERVICES.json(
                "GET /claims/clm-sub",
                200,
                ClaimActionsPageTest.claim("clm-sub", "REJECTED", "BKHP1", "[]", LINES, ""));
        SERVICES.json(
                "PATCH /claims/clm-sub/lines",
                409,
                "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"Claim clm-sub is SUBMITTED; only a HELD or"
                        + " REJECTED claim's charges can be edited\"}");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        assertThat(biller.get("/work/claims/clm-sub").body())
                .contains("Edit charges")
                .doesNotContain("Past timely filing");
        biller.submit(
                "/work/claims/clm-sub",
                "/work/claims/clm-sub/lines/2",
                "charge=45.00&units=2&was-charge=45.00&was-units=1");
        assertThat(SERVICES.posts())
                .containsExactly("PATCH /claims/clm-sub/lines {\"lines\":[{\"lineNumber\":2,\"units\":2}]}");
        assertThat(biller.get("/work/claims/clm-sub").body())
                .contains("Charges not changed: claim-service answered 409: Claim clm-sub is SUBMITTED");
    }

    @Test
    void aTimelyFilingDenialIsAppealedWithTheProof() throws Exception {
        SERVICES.json(
                "GET /claims/clm-29",
                200,
                ClaimActionsPageTest.claim(
                                "clm-29", "DENIED", "BKHP1", "[]", LINES, ",\"payerClaimNumber\":\"2025307000451\"")
                        .replace(
                                "\"openWork\":[]",
                                "\"openWork\":[{\"queue\":\"DENIAL\",\"category\":\"TIMELY_FILING\","
                                        + "\"reasons\":\"timely filing denial CO-29\"}]"));
        SERVICES.json("GET /claims/clm-29/timely-filing", 200, timelyFiling(true));
        SERVICES.json(
                "POST /claims/clm-29/appeals",
                200,
                ClaimActionsPageTest.claim("clm-29", "APPEALED", "BKHP1", "[]", LINES, ""));
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        assertThat(biller.get("/work/claims/clm-29").body())
                .contains("File an appeal", "Proof of timely filing (denied for timely filing, CARC 29)", PROOF)
                .doesNotContain("Edit charges", "release with a delay reason");
        biller.submit(
                "/work/claims/clm-29",
                "/work/claims/clm-29/appeal",
                "notes=filed+in+time&timelyFilingProof=" + PROOF.replace(" ", "+"));
        assertThat(SERVICES.posts())
                .containsExactly("POST /claims/clm-29/appeals {\"notes\":\"filed in time\",\"timelyFilingProof\":\""
                        + PROOF + "\"}");
    }
}
