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
 * An action for each hold reason and for a stuck claim (issue 21 item 2), against an endpoint answering like
 * claim-service and patient-billing-service: coverage added to a self-pay claim and released, a missing fee-schedule
 * price added and released, a void, and a lost appeal's decision taken by claim-service and then the patient ledger
 * with the balance claim-service moved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ClaimActionsPageTest {

    private static final ScriptedServices SERVICES = new ScriptedServices();
    private static final ScriptedServices LEDGER = new ScriptedServices();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.kafka.core.KafkaTemplate<Object, Object> kafka;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.claim-service", SERVICES::url);
        registry.add("claimflow.console.services.patient-billing-service", LEDGER::url);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
        LEDGER.close();
    }

    @BeforeEach
    void reset() {
        SERVICES.reset();
        LEDGER.reset();
    }

    static String claim(String claimId, String status, String payerId, String holds, String lines, String extra) {
        return """
                {"claimId":"%s","encounterId":"enc-1","tenantId":"riverside-fm","status":"%s","current":true,
                 "frequency":"ORIGINAL","frequencyCode":"1","codingVersion":1,"payerId":%s,"payerName":%s,
                 "memberId":null,"dateOfService":"2026-03-10","totalCharge":120.00,"paidAmount":0.00,
                 "balance":120.00,"diagnoses":[],"lines":%s,"timeline":[],"holdReasons":%s,"openWork":[],
                 "payments":[],"appeals":[],"followUps":[]%s}""".formatted(
                        claimId,
                        status,
                        payerId == null ? "null" : "\"" + payerId + "\"",
                        payerId == null ? "null" : "\"Buckeye\"",
                        lines,
                        holds,
                        extra);
    }

    @Test
    void aSelfPayClaimGetsCoverageAndIsReleased() throws Exception {
        SERVICES.json(
                "GET /claims/clm-sp",
                200,
                claim(
                        "clm-sp",
                        "HELD",
                        null,
                        "[{\"ruleId\":\"COVERAGE_ON_FILE\",\"message\":\"no coverage on the encounter: self-pay\"}]",
                        "[{\"lineNumber\":1,\"procedureCode\":\"99213\",\"modifiers\":[],\"units\":1,"
                                + "\"diagnosisPointers\":[1],\"charge\":120.00}]",
                        ""));
        SERVICES.json("PUT /claims/clm-sp/coverage", 200, claim("clm-sp", "HELD", "BKHP1", "[]", "[]", ""));
        SERVICES.json("POST /claims/clm-sp/release", 200, claim("clm-sp", "SUBMITTED", "BKHP1", "[]", "[]", ""));
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        assertThat(biller.get("/work/claims/clm-sp").body())
                .contains("Add coverage", "Save coverage and release")
                .doesNotContain("Void with the payer", "The appeal was lost");

        biller.submit(
                "/work/claims/clm-sp",
                "/work/claims/clm-sp/coverage",
                "payerId=BKHP1&payerName=Buckeye+Health+Plan&memberId=&action=release");
        assertThat(SERVICES.posts()).isEmpty();
        assertThat(biller.get("/work/claims/clm-sp").body()).contains("Give the payer id");

        biller.submit(
                "/work/claims/clm-sp",
                "/work/claims/clm-sp/coverage",
                "payerId=BKHP1&payerName=Buckeye+Health+Plan&memberId=BHP884120337&action=release");
        assertThat(SERVICES.posts())
                .containsExactly(
                        "PUT /claims/clm-sp/coverage {\"payerId\":\"BKHP1\","
                                + "\"payerName\":\"Buckeye Health Plan\",\"memberId\":\"BHP884120337\"}",
                        "POST /claims/clm-sp/release {}");
        assertThat(biller.get("/work/claims/clm-sp").body())
                .contains("Claim clm-sp now bills BKHP1 and released, now SUBMITTED");
        assertThat(SERVICES.authorizations).allMatch(a -> a.equals(ConsoleTestUsers.basic("biller")));
    }

    @Test
    void aHeldSelfPayClaimIsBilledToThePatientAndTheAnswerShown() throws Exception {
        String selfPay = claim(
                "clm-bp",
                "HELD",
                null,
                "[{\"ruleId\":\"COVERAGE_ON_FILE\",\"message\":\"no coverage on the encounter: self-pay\"}]",
                "[{\"lineNumber\":1,\"procedureCode\":\"99213\",\"modifiers\":[],\"units\":1,"
                        + "\"diagnosisPointers\":[1],\"charge\":120.00}]",
                "");
        SERVICES.json("GET /claims/clm-bp", 200, selfPay);
        SERVICES.json(
                "POST /claims/clm-bp/bill-patient",
                200,
                "{\"claimId\":\"clm-bp\",\"status\":\"BILLED_TO_PATIENT\",\"totalCharge\":120.00,"
                        + "\"patientResponsibility\":120.00,\"balance\":0.00}");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        assertThat(biller.get("/work/claims/clm-bp").body())
                .contains("Bill the patient (self-pay)", "bill-patient-reason");

        biller.submit("/work/claims/clm-bp", "/work/claims/clm-bp/bill-patient", "reason=patient+pays+at+the+desk");
        assertThat(SERVICES.posts())
                .containsExactly("POST /claims/clm-bp/bill-patient {\"reason\":\"patient pays at the desk\"}");
        assertThat(biller.get("/work/claims/clm-bp").body())
                .contains("Claim clm-bp billed to the patient: 120.00 is the patient&#39;s to pay, on the next "
                        + "statement; now BILLED_TO_PATIENT");
        assertThat(SERVICES.authorizations).allMatch(a -> a.equals(ConsoleTestUsers.basic("biller")));

        // claim-service refuses (a claim with coverage, or no longer held): its problem is shown, nothing else
        SERVICES.reset();
        SERVICES.json("GET /claims/clm-bp", 200, selfPay);
        SERVICES.json(
                "POST /claims/clm-bp/bill-patient",
                409,
                "{\"title\":\"Not allowed in the claim's current state\",\"status\":409,"
                        + "\"detail\":\"The claim is BILLED_TO_PATIENT; only a HELD self-pay claim (no coverage) can be"
                        + " billed to the patient\"}");
        biller.submit("/work/claims/clm-bp", "/work/claims/clm-bp/bill-patient", "reason=");
        assertThat(SERVICES.posts()).containsExactly("POST /claims/clm-bp/bill-patient {\"reason\":null}");
        assertThat(biller.get("/work/claims/clm-bp").body())
                .contains("Not billed to the patient:", "only a HELD self-pay claim");

        // a held claim with coverage is billed to its payer: no such form
        SERVICES.json(
                "GET /claims/clm-cov",
                200,
                claim(
                        "clm-cov",
                        "HELD",
                        "BKHP1",
                        "[{\"ruleId\":\"NPI_CHECK_DIGIT\",\"message\":\"bad NPI\"}]",
                        "[]",
                        ""));
        assertThat(biller.get("/work/claims/clm-cov").body()).doesNotContain("Bill the patient");
    }

    @Test
    void aClaimBilledToThePatientShowsInTheReadModelAndItsReplacementReplacesIt() throws Exception {
        String tenant = "t-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String encounter = "enc-bp-" + java.util.UUID.randomUUID();
        io.claimflow.events.ClaimBilledToPatient first =
                io.claimflow.schemas.json.Samples.load(io.claimflow.events.ClaimBilledToPatient.class);
        first.setEventId(java.util.UUID.randomUUID().toString());
        first.setTenantId(tenant);
        first.setEncounterId(encounter);
        first.setClaimId("clm-bp1-" + encounter);
        kafka.send(io.claimflow.schemas.Topics.CLAIM_BILLED_TO_PATIENT, encounter, first)
                .get();
        io.claimflow.events.ClaimBilledToPatient second = io.claimflow.events.ClaimBilledToPatient.newBuilder(first)
                .setEventId(java.util.UUID.randomUUID().toString())
                .setClaimId("clm-bp2-" + encounter)
                .setReplacedClaimId(first.getClaimId())
                .setCodingVersion(2)
                .setOccurredAt(first.getOccurredAt().plusSeconds(60))
                .build();
        kafka.send(io.claimflow.schemas.Topics.CLAIM_BILLED_TO_PATIENT, encounter, second)
                .get();

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM claim WHERE encounter_id = ?")
                                .param(encounter)
                                .query(Long.class)
                                .single()
                        == 2);
        java.util.Map<String, Object> billed = jdbc.sql("SELECT * FROM claim WHERE claim_id = ?")
                .param(second.getClaimId())
                .query()
                .singleRow();
        assertThat(billed)
                .containsEntry("state", "BILLED_TO_PATIENT")
                .containsEntry("frequency", "SELF_PAY")
                .containsEntry("payer_name", "Self-pay (billed to the patient)")
                .containsEntry("replaced_claim_id", first.getClaimId());
        assertThat((java.math.BigDecimal) billed.get("patient_responsibility")).isEqualByComparingTo("210.00");
        assertThat((java.math.BigDecimal) billed.get("total_charge")).isEqualByComparingTo("210.00");
        assertThat(jdbc.sql("SELECT state FROM claim WHERE claim_id = ?")
                        .param(first.getClaimId())
                        .query(String.class)
                        .single())
                .isEqualTo("REPLACED");
        assertThat(jdbc.sql("SELECT summary FROM timeline_event WHERE encounter_id = ? AND kind = 'BILLED_TO_PATIENT'"
                                + " ORDER BY occurred_at")
                        .param(encounter)
                        .query(String.class)
                        .list())
                .hasSize(2)
                .last()
                .asString()
                .contains("Billed to the patient: claim " + second.getClaimId(), "by biller1", "total 210.00")
                .contains("replaces " + first.getClaimId())
                .doesNotContain("Whitfield", "Eleanor");
    }

    @Test
    void aMissingPriceIsAddedForTheLineAndTheClaimReleased() throws Exception {
        SERVICES.json(
                "GET /claims/clm-np",
                200,
                claim(
                        "clm-np",
                        "HELD",
                        "BKHP1",
                        "[{\"ruleId\":\"CHARGE_FROM_FEE_SCHEDULE\",\"lineNumber\":2,\"message\":\"no price for 99417\"}]",
                        "[{\"lineNumber\":1,\"procedureCode\":\"99213\",\"modifiers\":[],\"units\":1,\"diagnosisPointers\":[1],"
                                + "\"charge\":120.00},{\"lineNumber\":2,\"procedureCode\":\"99417\",\"modifiers\":[],"
                                + "\"units\":1,\"diagnosisPointers\":[1],\"charge\":null}]",
                        ""));
        SERVICES.json("POST /fee-schedule", 201, "{\"id\":5,\"procedureCode\":\"99417\",\"amount\":55.50}");
        SERVICES.json(
                "POST /claims/clm-np/release",
                422,
                "{\"title\":\"Unprocessable\",\"status\":422,"
                        + "\"detail\":\"Claim clm-np still fails 1 scrub rule(s)\"}");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        String page = biller.get("/work/claims/clm-np").body();
        assertThat(page)
                .contains("Add the missing fee-schedule price", "Add price for 99417 and release")
                .doesNotContain("Add price for 99213");
        biller.submit(
                "/work/claims/clm-np",
                "/work/claims/clm-np/fee-schedule-price",
                "tenantId=riverside-fm&procedureCode=99417&effectiveFrom=2026-03-10&amount=55.50&action=release");
        assertThat(SERVICES.posts())
                .containsExactly(
                        "POST /fee-schedule {\"tenantId\":\"riverside-fm\","
                                + "\"procedureCode\":\"99417\",\"effectiveFrom\":\"2026-03-10\",\"amount\":55.50}",
                        "POST /claims/clm-np/release {}");
        assertThat(biller.get("/work/claims/clm-np").body())
                .contains("Price 55.50 for 99417 from 2026-03-10 added "
                        + "but not released: claim-service answered 422: Claim clm-np still fails 1 scrub rule(s)");
    }

    @Test
    void aLostAppealsBalanceIsDecidedInTheClaimAndThenThePatientLedgerAndAPaidClaimVoided() throws Exception {
        SERVICES.json(
                "GET /claims/clm-la",
                200,
                claim("clm-la", "APPEAL_LOST", "BKHP1", "[]", "[]", ",\"payerClaimNumber\":\"PCN-1\"")
                        .replace(
                                "\"payments\":[]",
                                "\"payments\":[{\"claimId\":\"clm-la\","
                                        + "\"traceNumber\":\"EFT77\",\"claimStatusCode\":\"4\",\"paymentDate\":\"2026-03-01\",\"paidAmount\":0.00,"
                                        + "\"patientResponsibility\":0.00,\"adjustedAmount\":0.00,\"deniedAmount\":120.00}]"));
        SERVICES.json(
                "POST /claims/clm-la/lost-appeal-decision", 200, claim("clm-la", "CLOSED", "BKHP1", "[]", "[]", ""));
        SERVICES.json("POST /claims/clm-la/void", 200, claim("clm-la-v", "SUBMITTED", "BKHP1", "[]", "[]", ""));
        LEDGER.json(
                "POST /claims/clm-la/lost-appeal-decision",
                409,
                "{\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"claim clm-la has 80.00 open with insurance, not 120.00\"}");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        assertThat(biller.get("/work/claims/clm-la").body())
                .contains(
                        "The appeal was lost",
                        "Bill the patient",
                        "Void with the payer",
                        "Remittances posted",
                        "/remittances?traceNumber=EFT77",
                        "120.00")
                .doesNotContain("Add coverage");

        // the patient ledger refuses: said so, with what claim-service did
        biller.submit(
                "/work/claims/clm-la",
                "/work/claims/clm-la/lost-appeal-decision",
                "decision=BILL_PATIENT&reason=upheld+twice");
        assertThat(SERVICES.posts())
                .containsExactly(
                        "POST /claims/clm-la/lost-appeal-decision {\"decision\":\"BILL_PATIENT\",\"reason\":\"upheld twice\"}");
        assertThat(LEDGER.posts())
                .containsExactly("POST /claims/clm-la/lost-appeal-decision "
                        + "{\"tenantId\":\"riverside-fm\",\"decision\":\"BILL_PATIENT\",\"amount\":120.00}");
        assertThat(biller.get("/work/claims/clm-la").body())
                .contains("balance billed to the patient: 120.00 in "
                        + "claim-service, but the patient ledger did not take it: patient-billing-service answered 409: claim "
                        + "clm-la has 80.00 open with insurance, not 120.00");

        SERVICES.calls.clear();
        biller.submit("/work/claims/clm-la", "/work/claims/clm-la/void", "reason=billed+the+wrong+patient");
        assertThat(SERVICES.posts())
                .containsExactly("POST /claims/clm-la/void {\"reason\":\"billed the wrong patient\"}");
        assertThat(biller.get("/work/claims/clm-la").body())
                .contains("Claim clm-la voided: claim clm-la-v " + "(frequency 8) sent to the payer, now SUBMITTED");
        assertThat(new ConsoleBrowserSession(port, "coder")
                        .post("/work/claims/clm-la/void", "reason=x")
                        .statusCode())
                .isEqualTo(403);
    }
}
