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

    /** claim-service's page answer of {@code items} (a JSON list's inside), {@code total} in all. */
    static String page(String items, int page, int size, long total) {
        return "{\"items\":[" + items + "],\"page\":" + page + ",\"size\":" + size + ",\"total\":" + total
                + ",\"totalAtLeast\":false}";
    }

    @Test
    void theNextItemIsTheNearestDeadlineAssignedItemsAreSkippedAndWorkedOnesCountAsDone() throws Exception {
        CLAIMS.reset();
        String run = UUID.randomUUID().toString().substring(0, 6);
        String passed = "clm-p-" + run;
        String near = "clm-n-" + run;
        String waiting = "clm-w-" + run;
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        // claim-service's order: past deadlines first, then the nearest, then the longest waiting
        String list = item(passed, "TIMELY_FILING_DEADLINE_PASSED", 100, today.minusDays(2)) + ","
                + item(near, "TIMELY_FILING_DEADLINE_NEAR", 80, today.plusDays(5)) + ","
                + item(waiting, "NO_PAYER_RESPONSE", 60, today.plusDays(300));
        CLAIMS.json("GET /work-lists/follow-up?page=0&size=25", 200, page(list, 0, 25, 3));
        CLAIMS.json("GET /work-lists/follow-up?page=0&size=200", 200, page(list, 0, 200, 3));
        CLAIMS.json("POST /work-lists/follow-up/of-claims", 200, "[" + list + "]");
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        String page = biller.get("/work/follow-up").body();
        assertThat(page)
                .contains(
                        "Timely-filing deadline passed",
                        "Timely-filing deadline near",
                        "No answer from the payer",
                        today.minusDays(2).toString(),
                        "Buckeye Health Plan",
                        "1–3 of 3")
                .doesNotContain("TIMELY_FILING_DEADLINE_NEAR</td>");
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
        // mine: claim-service is asked which of the biller's claims are on the list, not for the whole list
        CLAIMS.calls.clear();
        assertThat(biller.get("/work/follow-up?mine=true").body())
                .contains(near)
                .doesNotContain(passed, waiting);
        assertThat(CLAIMS.calls)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("POST /work-lists/follow-up/of-claims")
                        .contains(near))
                .noneSatisfy(c -> assertThat(c).startsWith("GET /work-lists/follow-up"));

        // the near one was worked (it left the list): done, counted for the biller; the passed one stays open
        CLAIMS.json(
                "POST /work-lists/follow-up/of-claims",
                200,
                "[" + item(passed, "TIMELY_FILING_DEADLINE_PASSED", 100, today.minusDays(2)) + ","
                        + item(waiting, "NO_PAYER_RESPONSE", 60, today.plusDays(300)) + "]");
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
        // claim-service not answering finishes nothing
        CLAIMS.json("POST /work-lists/follow-up/of-claims", 503, "{\"title\":\"down\",\"status\":503}");
        biller.get("/work/follow-up");
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

    @Test
    void aPageOfTheListWithItsFiltersAndTotalAndTakeNextWalksPagesUntilAnUnassignedItem() throws Exception {
        CLAIMS.reset();
        CLAIMS.json("POST /work-lists/follow-up/of-claims", 200, "[]");
        String run = UUID.randomUUID().toString().substring(0, 6);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        CLAIMS.json(
                "GET /work-lists/follow-up?reason=TIMELY_FILING_DEADLINE_PASSED&payerId=BKHP1&page=1&size=25",
                200,
                page(item("clm-x-" + run, "TIMELY_FILING_DEADLINE_PASSED", 400, today.minusDays(35)), 1, 25, 60));
        ConsoleBrowserSession biller = new ConsoleBrowserSession(port, "biller");
        String page = biller.get("/work/follow-up?reason=TIMELY_FILING_DEADLINE_PASSED&payer=BKHP1&page=1")
                .body();
        assertThat(page)
                .contains("clm-x-" + run, "26–50 of 60", "Previous page", "Next page", "-35")
                .contains("reason=TIMELY_FILING_DEADLINE_PASSED&amp;payer=BKHP1&amp;page=2");
        assertThat(biller.get("/work/follow-up?reason=LATE").statusCode()).isEqualTo(400);

        // the first page of take-next's walk is all taken (200 items assigned to someone): the next page's item
        StringBuilder taken = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String claim = "clm-t" + i + "-" + run;
            taken.append(i == 0 ? "" : ",").append(item(claim, "NO_PAYER_RESPONSE", 90, today.plusDays(100)));
            jdbc.sql("INSERT INTO work_assignment (claim_id, assignee, assigned_by, assigned_at)"
                            + " VALUES (?, 'biller3', 'biller3', now())")
                    .param(claim)
                    .update();
        }
        // still on the list: their assignments stay open
        CLAIMS.json("POST /work-lists/follow-up/of-claims", 200, "[" + taken + "]");
        String free = "clm-f-" + run;
        CLAIMS.json("GET /work-lists/follow-up?page=0&size=200", 200, page(taken.toString(), 0, 200, 201));
        CLAIMS.json(
                "GET /work-lists/follow-up?page=1&size=200",
                200,
                page(item(free, "NO_PAYER_RESPONSE", 80, today.plusDays(110)), 1, 200, 201));
        assertThat(biller.submit("/work/follow-up", "/work/follow-up/take-next", "x=1"))
                .endsWith("/work/claims/" + free);
        assertThat(jdbc.sql("SELECT count(*) FROM work_assignment WHERE claim_id LIKE ? AND done_at IS NULL")
                        .param("clm-t%-" + run)
                        .query(Long.class)
                        .single())
                .isEqualTo(200);
        jdbc.sql("UPDATE work_assignment SET done_at = now() WHERE claim_id LIKE ?")
                .param("%-" + run)
                .update();
    }
}
