package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No page wider than a 1,366 px laptop screen (issue 21 item 4): the coder item (documentation beside the codes, the
 * edit form) and the dead letters (an inspected letter with a long exception class and reason) were wider. A real
 * headless Chromium at 1366 x 900 loads each page, answered by a recording endpoint with long but realistic values,
 * and the document's scroll width is asserted. Skipped without Chromium, like {@link ConsoleBrowserTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsoleLayoutBrowserTest {

    private static final HttpServer SERVICES = FakeServices.serve(ConsoleLayoutBrowserTest::answer);
    private static final String DLT = Topics.dlt(Topics.ENCOUNTER_DOCUMENTED);
    private static final int SCREEN = 1366;

    @LocalServerPort
    int port;

    WebDriver browser;
    Path profile;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        String url = "http://localhost:" + SERVICES.getAddress().getPort();
        registry.add("claimflow.console.services.coding-service", () -> url);
        registry.add("claimflow.console.services.claim-service", () -> url);
    }

    @AfterAll
    static void stopServices() {
        SERVICES.stop(0);
    }

    @BeforeAll
    static void requireChromium() {
        Assumptions.assumeTrue(
                Files.isExecutable(ConsoleBrowserTest.CHROMIUM) && Files.isExecutable(ConsoleBrowserTest.CHROMEDRIVER),
                "No Chromium: browser tests skipped");
    }

    @BeforeEach
    void startChromium() throws Exception {
        profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-")
                .toAbsolutePath();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ConsoleBrowserTest.CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=" + SCREEN + ",900",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(ConsoleBrowserTest.CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theCoderItemAndDeadLetterPagesFitALaptopScreen() throws Exception {
        logIn("coder", "/work/coder/7");
        waitFor("finalize-form");
        assertFits("coder-item");

        logOut();
        logIn("admin", "/dead-letters?service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED);
        waitFor("dead-letters");
        browser.findElements(By.cssSelector("#dead-letters details summary")).forEach(s -> s.sendKeys(Keys.ENTER));
        assertFits("dead-letters");

        logOut();
        logIn("biller", "/work/denials?queue=ALL");
        waitFor("denials");
        assertFits("denials");
    }

    private void assertFits(String page) throws Exception {
        Object width = ((JavascriptExecutor) browser)
                .executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);");
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(
                file,
                ConsoleBrowserTest.SCREENSHOTS.resolve("width-" + page + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
        System.out.println("console page " + page + " is " + width + " px wide");
        assertThat(((Number) width).intValue()).as(page + " width").isLessThanOrEqualTo(SCREEN);
    }

    private void logIn(String user, String path) {
        browser.get("http://localhost:" + port + path);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(user, Keys.TAB, "demo-" + user, Keys.ENTER);
    }

    private void logOut() {
        browser.findElement(By.cssSelector("header.top form button")).sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login"));
    }

    private void waitFor(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        exchange.getRequestBody().readAllBytes();
        String body;
        if (path.startsWith("/coder-queue/")) {
            body = """
                    {"id":7,"encounterId":"enc-riverside-fm-2026-000000000000000000000000000007","tenantId":"riverside-fm",
                     "dateOfService":"2026-11-20","kind":"RECODE","status":"OPEN",
                     "reasons":[{"code":"SNOMED-UNMAPPED","message":"SNOMED 1234567890123456 (Chronic kidney disease stage 3 due to type 2 diabetes mellitus with hypertensive heart disease) has no ICD-10-CM mapping in the loaded crosswalk"}],
                     "suggestion":{"diagnoses":[{"code":"E11.22","description":"Type 2 diabetes mellitus with diabetic chronic kidney disease"},
                       {"code":"I13.10","description":"Hypertensive heart and chronic kidney disease without heart failure, with stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease"}],
                      "lines":[{"lineNumber":1,"code":"99214","system":"CPT","description":"Office or other outpatient visit for the evaluation and management of an established patient, moderate medical decision making","modifiers":["25"],"units":1,"pointers":[1,2],"drug":null},
                       {"lineNumber":2,"code":"J1885","system":"HCPCS","description":"Injection, ketorolac tromethamine, per 15 mg","modifiers":["RT","59"],"units":2,"pointers":[1],"drug":{"ndc":"00409379501","quantity":2,"unit":"ML"}}],
                      "edits":[],"holds":[]},
                     "recodeCause":{"claimId":"clm-riverside-fm-2026-000000000000000000000000000007-1","category":"CODING","carcs":"CO-11, CO-16, M76, N657","instructions":"Payer says the diagnosis does not support the procedure; check whether E11.22 should be first-listed and whether I13.10 applies given the documented stage"},
                     "documentation":{"dateOfService":"2026-11-20","encounterClass":"AMBULATORY","patientStatus":"ESTABLISHED","totalTimeMinutes":25,"medicalDecisionMaking":"MODERATE","placeOfService":"11",
                      "diagnoses":[{"system":"SNOMED_CT","code":"1234567890123456","text":"Chronic kidney disease stage 3 due to type 2 diabetes mellitus with hypertensive heart disease"}],
                      "procedures":[{"system":"CPT","code":"99214","text":"Established patient office visit"}],
                      "administeredItems":[{"kind":"DRUG","code":{"system":"RXNORM","code":"1665461","text":"Ketorolac tromethamine 30 mg/mL injection solution, single-dose vial"},"ndc":"00409379501","quantity":2,"unit":"ML"}],
                      "clinicalNote":"Patient reports fatigue for several weeks. %s"}}""".formatted("Long-standing type 2 diabetes with stage 3 CKD; blood pressure 152/94. ".repeat(8));
        } else if (path.startsWith("/admin/dead-letters/")) {
            body = "[" + letter(3, 0) + "," + letter(11, 123456789) + "]";
        } else if (path.startsWith("/work-lists/denials/search")) {
            body = """
                    {"page":0,"size":25,"total":1,"items":[{"id":1,"claimId":"clm-riverside-fm-2026-000000000000000000000000000007-1",
                     "encounterId":"enc-riverside-fm-2026-000000000000000000000000000007","claimStatus":"RECODE_REQUESTED",
                     "payerId":"BKHP1","dateOfService":"2026-11-02","totalCharge":1150.00,"queue":"RECODE",
                     "category":"MEDICAL_NECESSITY","reasons":"CO-50 N115 M76 N657: these are non-covered services because this is not deemed a medical necessity by the payer; decision based on local coverage determination","createdAt":"2026-11-20T10:00:00Z"}]}""";
        } else {
            body = "[]";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String letter(int partition, long offset) {
        return "{\"topic\":\"" + DLT + "\",\"partition\":" + partition + ",\"offset\":" + offset
                + ",\"timestamp\":\"2026-12-01T10:00:00Z\",\"key\":\"enc-riverside-fm-2026-0000000000000000000000000"
                + offset + "\",\"originalTopic\":\"" + Topics.ENCOUNTER_DOCUMENTED + "\",\"originalPartition\":"
                + partition + ",\"originalOffset\":987654321,\"consumerGroup\":\"coding-service-encounter-documented\","
                + "\"reason\":\"not retryable: org.springframework.kafka.support.serializer.DeserializationException"
                + "WithAVeryLongNameBecauseFrameworksLikeThem at io.claimflow.coding.adapter.EncounterDocumentedListener"
                + ".onEncounterDocumented(EncounterDocumentedListener.java:42)\",\"exceptionClass\":\"org.springframework"
                + ".kafka.listener.ListenerExecutionFailedException$CausedByAnIllegalArgumentExceptionInTheHandler\","
                + "\"replayedFrom\":\"" + DLT + "/" + partition + "/" + (offset + 1) + "\",\"valueSize\":24}";
    }
}
