package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The follow-up and timely-filing worklist with deadlines, taking the next item, assigning one to a person, and
 * productivity per person (issue 21 item 6), against an endpoint answering like claim-service's follow-up list and
 * the console's real database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class WorkAssignmentPageTest {

    private static final ScriptedServices CLAIMS = new ScriptedServices();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.claim-service", CLAIMS::url);
    }

    @AfterAll
    static void stop() {
        CLAIMS.close();
    }

    static String item(String claimId, String reason, int daysWaiting, LocalDate deadline) {
        return """
                {"claim":{"claimId":"%s","encounterId":"enc","tenantId":"riverside-fm","status":"SUBMITTED",
                 "frequency":"ORIGINAL","codingVersion":1,"current":true,"payerId":"BKHP1",
                 "payerName":"Buckeye Health Plan","dateOfService":"2026-01-05","totalCharge":120.00,
                 "paidAmount":0.00,"balance":120.00,"submittedAt":"2026-01-06T10:00:00Z"},
                 "reason":"%s","daysWaiting":%d,"timelyFilingDeadline":"%s"}""".formatted(claimId, reason, daysWaiting, deadline);
    }

    @Test
    void theNextItemIsTheNearestDeadlineAssignedItemsAreSkippedAndWorkedOnesCountAsDone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String passed = "clm-p-" + run;
        String near = "clm-n-" + run;
        String waiting = "clm-w-" + run;
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        CLAIMS.json(
                "GET /work-lists/follow-up",
                200,
                "[" + item(waiting, "NO_PAYER_RESPONSE", 60, today.plusDays(300)) + ","
                        + item(near, "TIMELY_FILING_DEADLINE_NEAR", 80, today.plusDays(5)) + ","
                        + item(passed, "TIMELY_FILING_DEADLINE_PASSED", 100, today.minusDays(2)) + "]");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        String page = biller.get("/work/follow-up").body();
        assertThat(page)
                .contains(
                        "Timely-filing deadline passed",
                        "Timely-filing deadline near",
                        "No answer from the payer",
                        today.minusDays(2).toString(),
                        "Buckeye Health Plan");
        assertThat(page.indexOf(passed)).isLessThan(page.indexOf(near));
        assertThat(page.indexOf(near)).isLessThan(page.indexOf(waiting));

        // the passed deadline is given to someone else; the biller's next item is the near one
        biller.submit("/work/follow-up", "/work/follow-up/assign", "claimId=" + passed + "&assignee=biller2");
        assertThat(biller.submit("/work/follow-up", "/work/follow-up/take-next", "x=1"))
                .endsWith("/work/claims/" + near);
        assertThat(jdbc.sql("SELECT assignee FROM work_assignment WHERE claim_id = ? AND done_at IS NULL")
                        .param(near)
                        .query(String.class)
                        .single())
                .isEqualTo("biller");
        assertThat(biller.get("/work/follow-up?mine=true").body())
                .contains(near)
                .doesNotContain(passed, waiting);

        // the near one was worked (it left the list): done, counted for the biller
        CLAIMS.json(
                "GET /work-lists/follow-up",
                200,
                "[" + item(waiting, "NO_PAYER_RESPONSE", 60, today.plusDays(300)) + ","
                        + item(passed, "TIMELY_FILING_DEADLINE_PASSED", 100, today.minusDays(2)) + "]");
        biller.get("/work/follow-up");
        assertThat(jdbc.sql("SELECT done_at IS NOT NULL FROM work_assignment WHERE claim_id = ?")
                        .param(near)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM work_assignment WHERE claim_id = ? AND done_at IS NULL")
                        .param(passed)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(new ConsoleBrowserSession(port, "coder")
                        .get("/work/follow-up")
                        .statusCode())
                .isEqualTo(403);
    }
}
