package io.claimflow.console;

import static io.claimflow.console.BrowserSession.csrf;
import static io.claimflow.console.BrowserSession.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The defects found in a real browser (issue 21, item 7), each against a recording endpoint answering as the real
 * service does: an unknown claim id is a 404 page (it was a 500 with problem JSON as the page), an X12 file's time is
 * the gateway's {@code at} shown in local time (it was blank: the page read {@code createdAt}), and a dead letter that
 * failed as not retryable is not replayed without the operator confirming the cause is fixed (it replayed without a
 * warning).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "claimflow.console.zone=America/New_York")
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsoleDefectsTest {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final HttpServer SERVICES = FakeServices.serve(ConsoleDefectsTest::answer);
    private static final String DLT = Topics.dlt(Topics.ENCOUNTER_DOCUMENTED);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        String url = "http://localhost:" + SERVICES.getAddress().getPort();
        registry.add("claimflow.console.services.claim-service", () -> url);
        registry.add("claimflow.console.services.coding-service", () -> url);
        registry.add("claimflow.console.services.adjudication-gateway", () -> url);
    }

    @AfterAll
    static void stop() {
        SERVICES.stop(0);
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    @Test
    void anUnknownClaimIsANotFoundPageNeverA500OrProblemJson() throws Exception {
        BrowserSession biller = logIn("biller");
        for (String path : List.of(
                "/claims/clm-nowhere",
                "/encounters/enc-nowhere",
                "/work/claims/clm-nowhere",
                "/claims/clm-with%20space",
                "/work/claims/clm%2Fnowhere",
                "/x12/not-a-number")) {
            HttpResponse<String> page = biller.get(path);
            assertThat(page.statusCode()).as(path).isIn(400, 404);
            assertThat(page.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("text/html");
            assertThat(page.body()).as(path).doesNotContain("\"status\"", "\"title\"", "Exception");
        }
    }

    @Test
    void anX12FileShowsWhenTheGatewayRecordedItInLocalTime() throws Exception {
        HttpResponse<String> files = logIn("biller").get("/claims/clm-x/x12");
        assertThat(files.statusCode()).isEqualTo(200);
        // 2026-01-01T17:00:00Z in America/New_York
        assertThat(files.body())
                .contains("2026-01-01 12:00", "2026-01-03 03:00")
                .doesNotContain("T17:00:00Z");
    }

    @Test
    void aNotRetryableDeadLetterIsNotReplayedUntilTheOperatorConfirmsTheCauseIsFixed() throws Exception {
        BrowserSession admin = logIn("admin");
        String list = "/dead-letters?service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED;
        String page = admin.get(list).body();
        assertThat(page).contains("Not retryable: it fails again unless its cause was fixed");

        admin.post(
                "/dead-letters/replay",
                "_csrf=" + enc(csrf(page)) + "&service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED
                        + "&partition=5&offset=0");
        assertThat(CALLS).noneMatch(c -> c.endsWith("/replay"));
        assertThat(admin.get(list).body()).contains(DLT + "/5/0: not replayed, it failed as not retryable");

        admin.post(
                "/dead-letters/replay-selected",
                "_csrf=" + enc(csrf(admin.get(list).body()))
                        + "&service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED + "&letter="
                        + enc(DLT + "/5/0")
                        + "&letter=" + enc(DLT + "/6/1"));
        assertThat(CALLS)
                .filteredOn(c -> c.endsWith("/replay"))
                .containsExactly("POST /admin/dead-letters/" + Topics.ENCOUNTER_DOCUMENTED + "/6/1/replay");

        CALLS.clear();
        admin.post(
                "/dead-letters/replay",
                "_csrf=" + enc(csrf(admin.get(list).body()))
                        + "&service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED + "&partition=5&offset=0"
                        + "&causeFixed=true");
        assertThat(CALLS)
                .filteredOn(c -> c.endsWith("/replay"))
                .containsExactly("POST /admin/dead-letters/" + Topics.ENCOUNTER_DOCUMENTED + "/5/0/replay");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String method = exchange.getRequestMethod();
        exchange.getRequestBody().readAllBytes();
        CALLS.add(method + " " + path);
        int status = 200;
        String body;
        if (path.equals("/api/adjudication/claims/clm-x/x12-history")) {
            // the gateway's ClaimX12Event: interchangeId, transactionType, outcome, detail, at
            body = """
                    {"claimId":"clm-x","encounterId":"enc-x","status":"PAID","payerId":"BKHP1",
                     "events":[{"interchangeId":5,"transactionType":"837P","outcome":"SENT","detail":null,
                       "at":"2026-01-01T17:00:00Z"},
                      {"interchangeId":8,"transactionType":"835","outcome":"PAID","detail":"CLP 1 paid 103.74",
                       "at":"2026-01-03T08:00:00Z"}]}""";
        } else if (path.startsWith("/admin/dead-letters/") && method.equals("GET")) {
            body = "[" + letter(5, 0, "not retryable: java.lang.IllegalArgumentException") + ","
                    + letter(6, 1, "failed after 4 attempts: org.springframework.dao.TransientDataAccessException")
                    + "]";
        } else if (path.endsWith("/replay")) {
            body = "{\"topic\":\"" + Topics.ENCOUNTER_DOCUMENTED + "\",\"partition\":3,\"offset\":42}";
        } else {
            status = 404;
            body = "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such claim\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String letter(int partition, long offset, String reason) {
        return "{\"topic\":\"" + DLT + "\",\"partition\":" + partition + ",\"offset\":" + offset
                + ",\"timestamp\":\"2026-12-01T10:0" + partition + ":00Z\",\"key\":\"enc-" + partition
                + "\",\"originalTopic\":\"" + Topics.ENCOUNTER_DOCUMENTED + "\",\"originalPartition\":" + partition
                + ",\"originalOffset\":1,\"consumerGroup\":\"coding-service\",\"reason\":\"" + reason + "\","
                + "\"exceptionClass\":\"java.lang.IllegalArgumentException\",\"replayedFrom\":null,\"valueSize\":24}";
    }

    private BrowserSession logIn(String user) throws Exception {
        return new BrowserSession(port, user);
    }
}
