package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless, against the
 * console started here with its read model fed by events published to the real topics: log in with the keyboard,
 * find a claim, open its timeline, see the KPI charts drawn. Screenshots go to {@code target/screenshots/}.
 * Skipped, with a message, where no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsoleBrowserTest {

    // patient-billing-service and adjudication-gateway as recorded answers (see FakeServices)
    static final FakeServices SERVICES = new FakeServices();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("claimflow.console.services.patient-billing-service", SERVICES::url);
        registry.add("claimflow.console.services.adjudication-gateway", SERVICES::url);
    }

    @AfterAll
    static void stopServices() {
        SERVICES.close();
    }

    static final Path CHROMIUM = Path.of(System.getProperty("claimflow.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("claimflow.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    WebDriver browser;
    Path profile;

    // before the Spring context starts, so a machine without Chromium does not pay for it
    @BeforeAll
    static void requireChromium() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium at " + CHROMIUM + " with a driver at " + CHROMEDRIVER
                        + ": browser tests skipped (apt-get install chromium chromium-driver)");
    }

    @BeforeEach
    void startChromium() throws Exception {
        profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-")
                .toAbsolutePath();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--window-size=1366,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logInOpenAClaimTimelineAndSeeTheKpiChartsDrawn() throws Exception {
        String tenant = "b-" + UUID.randomUUID().toString().substring(0, 8);
        String encounter = "enc-browser-" + UUID.randomUUID();
        String claim = "clm-browser-" + UUID.randomUUID();
        String other = "enc-browser-" + UUID.randomUUID();
        String denied = "clm-browser-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<SpecificRecordBase> events = List.of(
                ConsoleEvents.documented(tenant, encounter, now.minusSeconds(600), today),
                ConsoleEvents.coded(tenant, encounter, now.minusSeconds(590), today, 1),
                ConsoleEvents.submitted(
                        tenant, encounter, claim, now.minusSeconds(580), today, "210.00", null, "BKHP1"),
                ConsoleEvents.paid(
                        tenant, encounter, claim, now.minusSeconds(10), "210.00", "103.74", "25.00", "81.26", "BKHP1"),
                ConsoleEvents.documented(tenant, other, now.minusSeconds(500), today),
                ConsoleEvents.submitted(tenant, other, denied, now.minusSeconds(400), today, "150.00", null, "BKHP1"),
                ConsoleEvents.denied(
                        tenant,
                        other,
                        denied,
                        now.minusSeconds(300),
                        "150.00",
                        DenialStage.ADJUDICATED,
                        DenialCategory.CODING,
                        "11",
                        "BKHP1"));
        for (SpecificRecordBase event : events) {
            kafka.send(
                            Topics.topicOf(event.getClass()),
                            event.get("encounterId").toString(),
                            event)
                    .get();
        }
        await().atMost(Duration.ofSeconds(90))
                .until(() -> jdbc.sql("SELECT count(*) FROM timeline_event WHERE tenant_id = :t")
                                .param("t", tenant)
                                .query(Integer.class)
                                .single()
                        == events.size());

        // log in with the keyboard only
        browser.get(url("/kpis"));
        WebElement user = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        user.sendKeys("biller", Keys.TAB, "demo-biller", Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/kpis"));

        // the KPI page draws both charts (Chart.js from the WebJar, under the console's CSP)
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("daily-chart"), "data-rendered", "true"));
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("category-chart"), "data-rendered", "true"));
        assertThat(browser.findElement(By.id("denial-rate")).getText()).contains("%");
        timing("kpis");
        screenshot("kpis");

        // search, then open the timeline from the result
        browser.get(url("/encounters"));
        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys(claim.substring(0, 20), Keys.ENTER);
        WebElement link =
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.linkText(encounter)));
        screenshot("search");
        link.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline tbody tr"), 4));
        List<String> kinds = browser.findElements(By.cssSelector("#timeline tbody tr td.kind")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(kinds).containsExactly("DOCUMENTED", "CODED", "SUBMITTED", "PAYMENT_POSTED");
        assertThat(browser.findElement(By.cssSelector("#claims td.claim-state")).getText())
                .isEqualTo("PAID");
        // the claim's X12 files, asked of the gateway by htmx once the page is shown
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".x12-files tbody tr"), 3));
        assertThat(browser.findElements(By.cssSelector(".x12-files td.kind")).stream()
                        .map(WebElement::getText))
                .containsExactly("837P", "999", "835");
        timing("timeline");
        screenshot("timeline");
        browser.findElement(By.linkText("Interchange 5")).sendKeys(Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("file-problem")));
        assertThat(browser.findElement(By.id("file-problem")).getText()).contains("administrators only");
        screenshot("x12-file-biller");

        // the pipeline page polls its status with htmx
        browser.get(url("/pipeline"));
        String checked = new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status p.muted span")))
                .getText();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(driver -> !driver.findElement(By.cssSelector("#status p.muted span"))
                        .getText()
                        .equals(checked));
        assertThat(browser.findElement(By.id("health")).getText()).contains("claim-service", "UNREACHABLE");
        assertThat(browser.findElement(By.id("consumers")).getText()).contains("ops-console");
        assertThat(browser.findElements(By.cssSelector("#throughput td.dead-letters")))
                .hasSize(Topics.all().size());
        timing("pipeline");
        screenshot("pipeline");

        // a patient-accounts rep: the account, a statement's visits, its PDF, a payment entered with the keyboard
        logOut();
        browser.get(url("/patients/7"));
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys("patient-accounts", Keys.TAB, "demo-patient-accounts", Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("balance")));
        assertThat(browser.findElement(By.id("balance")).getText()).contains("45.00");
        WebElement visits = browser.findElement(By.cssSelector("#statements details summary"));
        visits.sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.cssSelector("table.statement-lines")).getText())
                .contains("103.74", "81.26", "25.00");
        timing("patient-account");
        screenshot("patient-account");
        Object pdfType = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[0];"
                        + "fetch(document.querySelector('a.pdf').href).then(r => done(r.status + ' '"
                        + " + r.headers.get('content-type') + ' ' + r.headers.get('content-disposition')));");
        assertThat(String.valueOf(pdfType)).startsWith("200 application/pdf inline");
        WebElement amount = browser.findElement(By.id("amount"));
        amount.sendKeys("20.00", Keys.ENTER);
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.notice")));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("Recorded payment 91");
        screenshot("patient-payment");
    }

    private void logOut() {
        browser.findElement(By.cssSelector("header.top form button")).sendKeys(Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/login"));
    }

    /** Prints how long the page took to load in the browser (Navigation Timing), for the report; not asserted. */
    private void timing(String page) {
        Object millis = ((JavascriptExecutor) browser)
                .executeScript(
                        "const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.duration);");
        System.out.println("console page " + page + " loaded in " + millis + " ms");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws Exception {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
