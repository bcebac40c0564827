package io.claimflow.console;

import static io.claimflow.console.BrowserSession.csrf;
import static io.claimflow.console.BrowserSession.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's actions, each as the call it makes into a service and the message it shows: finalize an edited or an
 * accepted coding, a refused finalize (the coder's edits kept, the refusing edits listed), correct and release a held
 * claim (only changed fields), bulk release with per-claim outcomes, dead letters replayed in bulk and discarded with
 * a note (recorded and audited in the console's real database). The far side is a recording HTTP endpoint answering
 * like coding-service and claim-service; the real services are driven by e2e's ConsoleOperatorBrowserTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsoleActionsTest {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final HttpServer SERVICES = FakeServices.serve(ConsoleActionsTest::answer);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DLT = Topics.dlt(Topics.ENCOUNTER_DOCUMENTED);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        String url = "http://localhost:" + SERVICES.getAddress().getPort();
        registry.add("claimflow.console.services.claim-service", () -> url);
        registry.add("claimflow.console.services.coding-service", () -> url);
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
    void theClaimListsNextAndPreviousLinksNameThePagesLastAndFirstClaimForClaimServiceToPageFrom() throws Exception {
        BrowserSession browser = logIn("biller");
        String page = browser.get("/claims?status=PAID&sort=-charge&page=2000").body();
        // claim-service reads the page after (or before) the claim a link names from its place in the order's index
        assertThat(page)
                .contains(
                        "href=\"/claims?status=PAID&amp;sort=-charge&amp;page=2001&amp;after=clm-50025\"",
                        "href=\"/claims?status=PAID&amp;sort=-charge&amp;page=1999&amp;before=clm-50001\"");
        assertThat(CALLS).containsExactly("GET /claims?status=PAID&sort=-charge&page=2000&size=25");
        CALLS.clear();
        browser.get("/claims?status=PAID&sort=-charge&page=2001&after=clm-50025");
        browser.get("/claims?status=PAID&sort=-charge&page=1999&before=clm-50001");
        assertThat(CALLS)
                .containsExactly(
                        "GET /claims?status=PAID&sort=-charge&page=2001&size=25&after=clm-50025",
                        "GET /claims?status=PAID&sort=-charge&page=1999&size=25&before=clm-50001");
        // the first page is asked for as itself; a cursor that is no claim number is refused
        assertThat(browser.get("/claims?page=1").body()).contains("href=\"/claims?page=0\"");
        assertThat(browser.get("/claims?page=3&after=%27%3B--").statusCode()).isEqualTo(400);
    }

    @Test
    void aCoderFinalizesEditedCodesOrAcceptsTheSuggestionAndSeesRefusalsWithTheEditsKept() throws Exception {
        BrowserSession browser = logIn("coder");
        String page = browser.get("/work/coder/7").body();
        assertThat(page).contains("Patient reports fatigue", "SNOMED-UNMAPPED", "99213", "R53.83");

        // edit: replace the diagnosis, add one, blank row dropped; the line gets a modifier and two pointers
        String token = csrf(page);
        CALLS.clear();
        HttpResponse<String> done = browser.post(
                "/work/coder/7/finalize",
                "_csrf=" + enc(token)
                        + "&dx=D64.9&dx=I10&dx=&lineCode=99213&lineModifiers=25&lineUnits=1&linePointers=1,2"
                        + "&lineNdc=&lineDrugQuantity=&lineDrugUnit=&lineCode=&lineModifiers=&lineUnits=1&linePointers="
                        + "&lineNdc=&lineDrugQuantity=&lineDrugUnit=&action=finalize");
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/work/coder");
        assertThat(CALLS).hasSize(1);
        assertThat(CALLS.get(0)).startsWith("POST /coder-queue/7/finalize ");
        JsonNode body = JSON.readTree(CALLS.get(0).substring("POST /coder-queue/7/finalize ".length()));
        assertThat(body)
                .isEqualTo(JSON.readTree("{\"diagnoses\":[\"D64.9\",\"I10\"],\"lines\":[{\"code\":\"99213\","
                        + "\"modifiers\":[\"25\"],\"units\":1,\"pointers\":[1,2]}]}"));
        assertThat(browser.get("/work/coder").body()).contains("Item 7 finalized: enc-7 goes out as coding version 1");

        // accept: the suggestion as coding-service gave it
        CALLS.clear();
        browser.post(
                "/work/coder/7/finalize",
                "_csrf=" + enc(csrf(browser.get("/work/coder/7").body())) + "&action=accept");
        String accepted =
                CALLS.stream().filter(c -> c.startsWith("POST")).findFirst().orElseThrow();
        assertThat(JSON.readTree(accepted.substring(accepted.indexOf('{'))))
                .isEqualTo(JSON.readTree(
                        "{\"diagnoses\":[\"R53.83\"],\"lines\":[{\"code\":\"99213\",\"modifiers\":[],\"units\":1,"
                                + "\"pointers\":[1]}]}"));

        // refused: the page comes back with the coder's edits and the refusing edit
        HttpResponse<String> refused = browser.post(
                "/work/coder/8/finalize",
                "_csrf="
                        + enc(csrf(browser.get("/work/coder/7").body())) + "&dx=Z99.999&lineCode=99213&lineUnits=1"
                        + "&linePointers=1&action=finalize");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains(
                        "coding-service answered 422: The coding fails 1 coding edit(s)",
                        "CODE_NOT_VALID",
                        "value=\"Z99.999\"");

        // unreadable units: said on the page, nothing sent
        CALLS.clear();
        HttpResponse<String> bad = browser.post(
                "/work/coder/7/finalize",
                "_csrf="
                        + enc(csrf(browser.get("/work/coder/7").body())) + "&dx=I10&lineCode=99213&lineUnits=two"
                        + "&linePointers=1&action=finalize");
        assertThat(bad.body()).contains("Line 1: units must be whole numbers");
        assertThat(CALLS).noneMatch(c -> c.startsWith("POST"));
    }

    @Test
    void aBillerCorrectsAndReleasesAHeldClaimAndReleasesSeveralWithPerClaimOutcomes() throws Exception {
        BrowserSession browser = logIn("biller");
        String page = browser.get("/work/claims/clm-held-1").body();
        assertThat(page)
                .contains("NPI_CHECK_DIGIT", "value=\"1293847567\"", "219.00 / 0.00 / 219.00")
                .as("a held claim is corrected and released, not appealed")
                .doesNotContain("File appeal");
        CALLS.clear();
        HttpResponse<String> done = browser.post(
                "/work/claims/clm-held-1/correct",
                "_csrf=" + enc(csrf(page))
                        + "&renderingNpi=1293847566&was-renderingNpi=1293847567&billingNpi=1847362914"
                        + "&was-billingNpi=1847362914&memberId=&was-memberId=&action=release");
        assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/work/claims/clm-held-1");
        assertThat(CALLS)
                .containsExactly(
                        "PATCH /claims/clm-held-1 {\"renderingNpi\":\"1293847566\"}",
                        "POST /claims/clm-held-1/release {}");
        assertThat(browser.get("/work/claims/clm-held-1").body())
                .contains("Claim clm-held-1 corrected (rendering NPI) and released, now SUBMITTED");

        CALLS.clear();
        browser.post(
                "/work/held/release",
                "_csrf=" + enc(csrf(browser.get("/work/held").body())) + "&claimId=clm-held-1&claimId=clm-refused");
        assertThat(CALLS).contains("POST /claims/clm-held-1/release {}", "POST /claims/clm-refused/release {}");
        assertThat(browser.get("/work/held").body())
                .contains(
                        "1 of 2 claim(s) released",
                        "clm-held-1: released, now SUBMITTED",
                        "clm-refused: not released, claim-service answered 422: Claim clm-refused still fails the scrubber");
    }

    @Test
    void anActionWithoutTheFormsCsrfTokenOrByAnotherRoleIsRefusedAndCallsNothing() throws Exception {
        BrowserSession biller = logIn("biller");
        HttpResponse<String> forged = biller.post("/work/held/release", "claimId=clm-held-1");
        assertThat(forged.statusCode()).isEqualTo(403);
        BrowserSession coder = logIn("coder");
        HttpResponse<String> wrongRole = coder.post(
                "/work/held/release",
                "_csrf=" + enc(csrf(coder.get("/work/coder").body())) + "&claimId=clm-held-1");
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(CALLS).noneMatch(c -> c.contains("/release"));
    }

    @Test
    void aBillerFiltersDenialsByCategoryCarcAndPayerAndRequestsARecodeOrFilesAnAppeal() throws Exception {
        BrowserSession browser = logIn("biller");
        String all = browser.get("/work/denials?queue=ALL").body();
        assertThat(all)
                .contains(
                        "clm-denied-1",
                        "clm-denied-2",
                        "clm-denied-3",
                        "1–3 of 3",
                        "CO-16: Claim or service lacks information",
                        "M119: Missing or incomplete or invalid",
                        "BKHP1");
        // claim-service filters, sorts, pages and counts: the console passes the criteria on and reads one page
        assertThat(CALLS).contains("GET /work-lists/denials/search?page=0&size=25");
        CALLS.clear();
        browser.get("/work/denials?queue=ALL&category=CODING&carc=co-16&payer=MCR01&olderThanDays=30&sort=-charge"
                + "&page=2");
        assertThat(CALLS)
                .singleElement()
                .asString()
                .startsWith("GET /work-lists/denials/search?category=CODING&carc=CO-16&payerId=MCR01&serviceTo=")
                .endsWith("&sort=-charge&page=2&size=25");
        assertThat(browser.get("/work/denials?queue=APPEAL").statusCode()).isEqualTo(200);
        assertThat(CALLS).contains("GET /work-lists/denials/search?queue=APPEAL&page=0&size=25");
        // coordination of benefits: a next payer not among the coverages, an earlier payer's reversal
        assertThat(browser.get("/work/denials?queue=COORDINATION").statusCode()).isEqualTo(200);
        assertThat(CALLS).contains("GET /work-lists/denials/search?queue=COORDINATION&page=0&size=25");
        assertThat(browser.get("/work/denials?sort=status").statusCode()).isEqualTo(400);
        assertThat(browser.get("/work/denials?carc=16%27--").statusCode()).isEqualTo(400);

        String page = browser.get("/work/claims/clm-denied-1").body();
        assertThat(page).contains("Send back to coding", "File appeal").doesNotContain("Save and release");
        CALLS.clear();
        browser.post(
                "/work/claims/clm-denied-1/recode",
                "_csrf=" + enc(csrf(page)) + "&instructions=" + enc("A1c points at I10; the payer wants E11.9"));
        assertThat(browser.get("/work/claims/clm-denied-1").body())
                .contains("Recode requested for claim clm-denied-1, now RECODE_REQUESTED");
        browser.post("/work/claims/clm-denied-1/appeal", "_csrf=" + enc(csrf(page)) + "&notes=" + enc("notes"));
        assertThat(CALLS)
                .contains(
                        "POST /claims/clm-denied-1/recode {\"instructions\":\"A1c points at I10; the payer wants E11.9\"}",
                        "POST /claims/clm-denied-1/appeals {\"notes\":\"notes\"}");
        assertThat(browser.get("/work/claims/clm-denied-1").body())
                .contains(
                        "claim-service answered 409: Claim clm-denied-1 is RECODE_REQUESTED; it cannot be appealed now");
    }

    @Test
    void anAdminReplaysSelectedDeadLettersAndDiscardsOneWithANoteRecordedAndAudited() throws Exception {
        BrowserSession browser = logIn("admin");
        String list = "/dead-letters?service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED;
        String page = browser.get(list).body();
        assertThat(page).contains("enc-bad-1", "enc-bad-2", "value could not be deserialized");

        CALLS.clear();
        browser.post(
                "/dead-letters/replay-selected",
                "_csrf=" + enc(csrf(page)) + "&service=coding-service&topic=" + enc(Topics.ENCOUNTER_DOCUMENTED)
                        + "&letter=" + enc(DLT + "/3/0") + "&causeFixed=true");
        assertThat(CALLS).contains("POST /admin/dead-letters/" + Topics.ENCOUNTER_DOCUMENTED + "/3/0/replay {}");
        assertThat(browser.get(list).body())
                .contains(DLT + "/3/0: replayed to " + Topics.ENCOUNTER_DOCUMENTED + " partition 3 offset 42");
        assertThat(jdbc.sql("SELECT count(*) FROM claimflow_platform.audit_record WHERE action = 'dead-letter.replayed'"
                                + " AND username = 'admin' AND resource_id = ?")
                        .param(DLT + "/3/0")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // a discard needs a note
        browser.post(
                "/dead-letters/discard",
                "_csrf=" + enc(csrf(browser.get(list).body()))
                        + "&service=coding-service&topic=" + enc(Topics.ENCOUNTER_DOCUMENTED) + "&letter="
                        + enc(DLT + "/7/1")
                        + "&note=");
        assertThat(browser.get(list).body()).contains("Not discarded: say why in a note");
        browser.post(
                "/dead-letters/discard",
                "_csrf=" + enc(csrf(browser.get(list).body()))
                        + "&service=coding-service&topic=" + enc(Topics.ENCOUNTER_DOCUMENTED) + "&letter="
                        + enc(DLT + "/7/1")
                        + "&note=" + enc("producer bug, nothing to recover"));
        String after = browser.get(list).body();
        assertThat(after).contains("Discarded " + DLT + "/7/1 with your note").doesNotContain("enc-bad-2");
        assertThat(browser.get(list + "&discarded=true").body())
                .contains("enc-bad-2", "DISCARDED by admin", "producer bug, nothing to recover");
        assertThat(jdbc.sql("SELECT note FROM dead_letter_decision WHERE letter = ? AND decision = 'DISCARDED'")
                        .param(DLT + "/7/1")
                        .query(String.class)
                        .single())
                .isEqualTo("producer bug, nothing to recover");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM claimflow_platform.audit_record WHERE action = 'dead-letter.discarded'"
                                        + " AND username = 'admin' AND resource_id = ?")
                        .param(DLT + "/7/1")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anUnknownClaimOrQueueItemIs404NotAServerError() throws Exception {
        BrowserSession biller = logIn("biller");
        HttpResponse<String> claim = biller.get("/work/claims/clm-unknown");
        assertThat(claim.statusCode()).isEqualTo(404);
        assertThat(claim.body()).contains("claim-service answered 404");

        assertThat(logIn("coder").get("/work/coder/404").statusCode()).isEqualTo(404);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String method = exchange.getRequestMethod();
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(method + " " + path + (method.equals("GET") ? "" : " " + request));
        int status = 200;
        String body;
        if (path.equals("/claims/clm-unknown") || path.equals("/coder-queue/404")) {
            status = 404;
            body = "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such claim or queue item\"}";
        } else if (path.startsWith("/coder-queue/") && method.equals("GET")) {
            body = "{\"id\":7,\"encounterId\":\"enc-7\",\"tenantId\":\"t\",\"dateOfService\":\"2026-11-20\","
                    + "\"kind\":\"INITIAL\",\"status\":\"OPEN\",\"reasons\":[{\"code\":\"SNOMED-UNMAPPED\","
                    + "\"message\":\"SNOMED 271737000 has no ICD-10-CM mapping\"}],\"suggestion\":{\"diagnoses\":"
                    + "[{\"code\":\"R53.83\",\"description\":\"Other fatigue\"}],\"lines\":[{\"lineNumber\":1,"
                    + "\"code\":\"99213\",\"system\":\"CPT\",\"description\":\"Office visit\",\"modifiers\":[],"
                    + "\"units\":1,\"pointers\":[1],\"drug\":null}],\"edits\":[],\"holds\":[]},\"recodeCause\":null,"
                    + "\"documentation\":{\"dateOfService\":\"2026-11-20\",\"encounterClass\":\"AMBULATORY\","
                    + "\"patientStatus\":\"ESTABLISHED\",\"totalTimeMinutes\":25,\"medicalDecisionMaking\":\"LOW\","
                    + "\"placeOfService\":\"11\",\"diagnoses\":[{\"system\":\"SNOMED_CT\",\"code\":\"271737000\","
                    + "\"text\":\"Anemia\"}],\"procedures\":[],\"administeredItems\":[],"
                    + "\"clinicalNote\":\"Patient reports fatigue for several weeks.\"}}";
        } else if (path.equals("/coder-queue/7/finalize")) {
            body = "{\"encounterId\":\"enc-7\",\"codingVersion\":1,\"coderId\":\"coder\",\"edits\":[]}";
        } else if (path.equals("/coder-queue/8/finalize")) {
            status = 422;
            body = "{\"title\":\"Coding edits failed\",\"status\":422,\"detail\":\"The coding fails 1 coding edit(s):"
                    + " Z99.999 is not a valid ICD-10-CM code\",\"edits\":[{\"ruleId\":\"CODE_NOT_VALID\","
                    + "\"severity\":\"ERROR\",\"message\":\"Z99.999 is not a valid ICD-10-CM code\",\"lines\":[]}]}";
        } else if (path.equals("/claims/clm-held-1") && method.equals("GET")) {
            body =
                    "{\"claimId\":\"clm-held-1\",\"encounterId\":\"enc-h\",\"status\":\"HELD\",\"frequency\":\"ORIGINAL\","
                            + "\"codingVersion\":1,\"payerId\":\"BKHP1\",\"payerName\":\"Buckeye\",\"billingNpi\":\"1847362914\","
                            + "\"renderingNpi\":\"1293847567\",\"memberId\":null,\"totalCharge\":219.00,\"paidAmount\":0.00,"
                            + "\"balance\":219.00,\"diagnoses\":[],\"lines\":[],\"timeline\":[],"
                            + "\"holdReasons\":[{\"ruleId\":\"NPI_CHECK_DIGIT\",\"message\":\"rendering provider NPI"
                            + " 1293847567 fails its check digit\",\"lineNumber\":null}],\"openWork\":[],\"appeals\":[],"
                            + "\"followUps\":[]}";
        } else if (path.equals("/claims/clm-held-1") || path.equals("/claims/clm-held-1/release")) {
            body = "{\"claimId\":\"clm-held-1\",\"status\":\"" + (path.endsWith("release") ? "SUBMITTED" : "HELD")
                    + "\"}";
        } else if (path.startsWith("/claims?")) {
            body = "{\"page\":2000,\"size\":25,\"total\":50025,\"totalAtLeast\":true,\"items\":["
                    + "{\"claimId\":\"clm-50001\",\"encounterId\":\"enc-1\",\"status\":\"PAID\"},"
                    + "{\"claimId\":\"clm-50025\",\"encounterId\":\"enc-2\",\"status\":\"PAID\"}]}";
        } else if (path.startsWith("/work-lists/denials/search")) {
            body = "{\"page\":0,\"size\":25,\"total\":3,\"items\":["
                    + denial("clm-denied-1", "BKHP1", "CODING", "CO-11: diagnosis inconsistent with procedure")
                    + "," + denial("clm-denied-2", "BKHP1", "MISSING_INFORMATION", "CO-16 M119: NDC missing") + ","
                    + denial("clm-denied-3", "MCR01", "ELIGIBILITY", "CO-27: coverage ended") + "]}";
        } else if (path.equals("/claims/clm-denied-1") && method.equals("GET")) {
            body = "{\"claimId\":\"clm-denied-1\",\"status\":\"DENIED\",\"diagnoses\":[],\"lines\":[],"
                    + "\"timeline\":[],\"holdReasons\":[],\"openWork\":[],\"appeals\":[],\"followUps\":[]}";
        } else if (path.equals("/claims/clm-denied-1/recode")) {
            body = "{\"claimId\":\"clm-denied-1\",\"status\":\"RECODE_REQUESTED\"}";
        } else if (path.equals("/claims/clm-denied-1/appeals")) {
            status = 409;
            body = "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"Claim clm-denied-1 is RECODE_REQUESTED;"
                    + " it cannot be appealed now\"}";
        } else if (path.equals("/work-lists/held/rules")) {
            body = "[{\"ruleId\":\"NPI_CHECK_DIGIT\",\"claims\":1}]";
        } else if (path.startsWith("/work-lists/held/search")) {
            body = "{\"page\":0,\"size\":25,\"total\":1,\"items\":[{\"claim\":{\"claimId\":\"clm-held-1\","
                    + "\"encounterId\":\"enc-h\",\"status\":\"HELD\",\"payerId\":null,\"dateOfService\":\"2026-11-02\"},"
                    + "\"reasons\":[{\"ruleId\":\"NPI_CHECK_DIGIT\",\"message\":\"fails its check digit\"}]}]}";
        } else if (path.startsWith("/admin/dead-letters/") && method.equals("GET")) {
            body = "[" + letter(3, 0, "enc-bad-1") + "," + letter(7, 1, "enc-bad-2") + "]";
        } else if (path.endsWith("/replay")) {
            body = "{\"deadLetterTopic\":\"" + DLT + "\",\"deadLetterPartition\":3,\"deadLetterOffset\":0,"
                    + "\"topic\":\"" + Topics.ENCOUNTER_DOCUMENTED + "\",\"partition\":3,\"offset\":42}";
        } else {
            status = 422;
            body =
                    "{\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"Claim clm-refused still fails the scrubber\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String denial(String claimId, String payer, String category, String reasons) {
        return "{\"id\":1,\"claimId\":\"" + claimId + "\",\"encounterId\":\"enc-d\",\"claimStatus\":\"DENIED\","
                + "\"payerId\":\"" + payer + "\",\"dateOfService\":\"2026-11-02\",\"totalCharge\":150.00,"
                + "\"queue\":\"DENIAL\",\"category\":\"" + category + "\",\"reasons\":\"" + reasons + "\","
                + "\"createdAt\":\"2026-11-20T10:00:00Z\"}";
    }

    private static String letter(int partition, long offset, String key) {
        return "{\"topic\":\"" + DLT + "\",\"partition\":" + partition + ",\"offset\":" + offset
                + ",\"timestamp\":\"2026-12-01T10:0" + partition + ":00Z\",\"key\":\"" + key + "\",\"originalTopic\":\""
                + Topics.ENCOUNTER_DOCUMENTED + "\",\"originalPartition\":" + partition + ",\"originalOffset\":1,"
                + "\"consumerGroup\":\"coding-service\",\"reason\":\"value could not be deserialized\","
                + "\"exceptionClass\":\"org.apache.kafka.common.errors.SerializationException\",\"replayedFrom\":null,"
                + "\"valueSize\":24}";
    }

    private BrowserSession logIn(String user) throws Exception {
        return new BrowserSession(port, user);
    }
}
