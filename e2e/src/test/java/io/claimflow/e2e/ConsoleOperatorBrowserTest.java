package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.Provider;
import io.claimflow.events.Providers;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A billing operator's day in the ops-console, in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), against the real services started by {@link Pipeline} with the console as its extra
 * service: encounters go in (one the rules cannot code, one with a rendering NPI that fails its check digit, a few
 * clean ones, poison records), then the operator finalizes the coder-queue item (it must come out as a coding version
 * by that coder and a claim in claim-service), corrects and releases the held claim (it must be submitted),
 * discards one dead letter with a note (audited in the console's trail) and replays another (it goes back to the
 * topic through the real consumer and, still poison, comes back as a new dead letter naming where it was replayed
 * from), opens a claim timeline and sees the KPI charts drawn. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Then, with {@link #VOLUME} claims added to the read model and claim-service and 40 % as many patient accounts
 * ({@link ConsoleVolume}, seconds of SQL), every role does its tasks on the lists at that volume
 * ({@link #everyRoleWorksAtVolume}), each task on a claim the pipeline brought into the state it starts from ({@link
 * #seed}: self-pay, unpriced, past timely filing, denied; bill the patient, add coverage, add a price, edit charges,
 * release late with a delay reason and the proof of timely filing, write off, recode and appeal from the denial list,
 * a lost appeal's decision, void, the coder's recode item, an unmatched 835 matched by hand, follow-up work taken and
 * assigned, a statement's PDF), its outcome asserted in the page and in the service; each page's load time in the browser (Navigation Timing) goes to the log and to
 * {@code target/console-browser-timings.md}, printed, not asserted (speed targets live in
 * {@code ConsoleListsBenchmark}); every page is checked for raw JSON, a stack trace and an error page
 * ({@link #pageIsFine}). Skipped with a message where no Chromium is installed.
 */
@ClaimFlowInfrastructure
// last of the module's classes (ClassOrderer.OrderAnnotation, set in the pom): the poison records it dead-letters
// stay on the dead-letter topics, which EndToEndPipelineTest expects empty in the same JVM
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOperatorBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOperatorBrowserTest.class);
    static final Path CHROMIUM = Path.of(System.getProperty("claimflow.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("claimflow.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RUN = "opsc";
    static final String VALID_RENDERING_NPI = "1293847566";
    static final String BAD_RENDERING_NPI = "1293847567";
    static final String POISON_DISCARD = "enc-" + RUN + "-poison-discard";
    static final String POISON_REPLAY = "enc-" + RUN + "-poison-replay";
    /** Claims added for the pages at volume ({@code -Dconsole.volume=} for fewer on a slow machine). */
    static final int VOLUME = Integer.getInteger("console.volume", 100_000);

    static final Path TIMINGS = Path.of("target", "console-browser-timings.md");
    /** A problem detail or a JSON body shown as the page. */
    static final java.util.regex.Pattern RAW_JSON =
            java.util.regex.Pattern.compile("^\\s*[\\[{]\\s*\"|\"(type|title|status|detail|instance|timestamp)\"\\s*:");
    /** A Java stack trace line or exception name on the page. */
    static final java.util.regex.Pattern STACK_TRACE = java.util.regex.Pattern.compile(
            "\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]+\\.java:\\d+\\)|\\b(java|javax|jakarta|org\\.springframework)\\.[\\w.]*(Exception|Error)\\b");

    private static Pipeline pipeline;
    private static WebDriver browser;
    private static Path profile;
    private static String coderEncounter;
    private static String heldEncounter;
    private static final List<String> cleanEncounters = new ArrayList<>();
    /** The encounters whose claims the volume test's tasks start from (issue 21's missing browser tasks). */
    private static String selfPayToBill;

    private static String selfPayToCover;
    private static String unpricedEncounter;
    private static String lateToRelease;
    private static String lateToWriteOff;
    private static String deniedToRecode;
    private static String deniedToAppeal;
    /** The MRN of the self-pay patient billed in the browser (a statement run then gives the account a statement). */
    private static String selfPayMrn;

    private static String coveredMemberId;
    /** A price the starter fee schedule lacks: a blood glucose the practice has not priced yet. */
    static final String UNPRICED_CODE = "82947";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each page the volume test opened: role, page, load time in ms. */
    private static final List<String[]> timings = new ArrayList<>();

    @BeforeAll
    static void startEverything() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "No Chromium at " + CHROMIUM
                        + " with a driver at " + CHROMEDRIVER + ": browser tests skipped (apt-get install chromium"
                        + " chromium-driver; .ci/run installs them)");
        Infrastructure infrastructure = Infrastructure.get();
        Clock clock = Clock.systemUTC();
        // enough people for a few self-pay patients and a few whose coverage ended (the seeds of the volume test)
        Population population = Population.generate(4711, 300, LocalDate.now(clock));
        long began = System.nanoTime();
        pipeline = Pipeline.start(infrastructure, population.payerSimulatorProperties());
        assumeTrue(
                pipeline.runs(Pipeline.CODING) && pipeline.runs(Pipeline.CLAIM) && pipeline.runs(Pipeline.GATEWAY),
                "needs coding, claims and the gateway; missing: " + pipeline.missing());
        assumeTrue(pipeline.startConsole(), "ops-console is not built");
        LOG.info("pipeline and console started in {} ms", (System.nanoTime() - began) / 1_000_000);

        try (WorkloadPublisher publisher =
                new WorkloadPublisher(infrastructure.kafkaBootstrapServers(), infrastructure.schemaRegistryUrl())) {
            // the free-text variant: nothing can code "tired all the time" automatically
            WorkloadGenerator generatorOfCoderWork =
                    generator(population, clock, "c", WorkloadGenerator.Kind.NEEDS_CODER);
            WorkloadGenerator.Generated coder = insured(generatorOfCoderWork);
            while (coder.event().getDiagnoses().get(0).getSystem() != io.claimflow.events.CodeSystem.NONE) {
                coder = insured(generatorOfCoderWork);
            }
            coderEncounter = coder.event().getEncounterId();
            LOG.info("coder encounter {}", coderEncounter);
            publisher.send(coder.event());

            EncounterDocumented held = insured(
                            generator(population, clock, "h", WorkloadGenerator.Kind.CHRONIC_FOLLOW_UP))
                    .event();
            Providers providers = held.getProviders();
            held = EncounterDocumented.newBuilder(held)
                    .setProviders(Providers.newBuilder(providers)
                            .setRendering(Provider.newBuilder(providers.getRendering())
                                    .setNpi(BAD_RENDERING_NPI)
                                    .build())
                            .build())
                    .build();
            heldEncounter = held.getEncounterId();
            publisher.send(held);

            WorkloadGenerator clean = generator(population, clock, "k", WorkloadGenerator.Kind.ACUTE_VISIT);
            for (int i = 0; i < 3; i++) {
                EncounterDocumented event = insured(clean).event();
                cleanEncounters.add(event.getEncounterId());
                publisher.send(event);
            }
            seed(publisher, population, clock);
            publisher.flush();
        }
        poison(infrastructure, POISON_DISCARD);
        poison(infrastructure, POISON_REPLAY);

        Map<String, BooleanSupplier> ready = new java.util.LinkedHashMap<>();
        ready.put(
                "coder-queue item",
                () -> count(
                                Pipeline.CODING,
                                "SELECT count(*) FROM coder_queue_item" + " WHERE status = 'OPEN' AND encounter_id = ?",
                                coderEncounter)
                        == 1);
        ready.put(
                "held claim",
                () -> count(
                                Pipeline.CLAIM,
                                "SELECT count(*) FROM claim WHERE status = 'HELD'" + " AND encounter_id = ?",
                                heldEncounter)
                        == 1);
        ready.put(
                "clean claims past the scrubber",
                () -> count(
                                Pipeline.CLAIM,
                                "SELECT count(*) FROM claim"
                                        + " WHERE status NOT IN ('CREATED', 'HELD') AND encounter_id LIKE ?",
                                "enc-" + RUN + "k-%")
                        == cleanEncounters.size());
        ready.put(
                "dead letters",
                () -> !deadLetters(POISON_DISCARD).isEmpty()
                        && !deadLetters(POISON_REPLAY).isEmpty());
        try {
            for (Map.Entry<String, BooleanSupplier> condition : ready.entrySet()) {
                await(condition.getKey(), Duration.ofSeconds(60), condition.getValue());
            }
        } catch (AssertionError e) {
            LOG.error(
                    "coding: {}; queue: {}; claims: {}",
                    rows(
                            Pipeline.CODING,
                            "SELECT encounter_id || ' '"
                                    + " || status || ' ' || current_version FROM encounter WHERE encounter_id LIKE 'enc-"
                                    + RUN + "%'"),
                    rows(Pipeline.CODING, "SELECT encounter_id || ' ' || status FROM coder_queue_item"),
                    rows(Pipeline.CLAIM, "SELECT encounter_id || ' ' || status FROM claim"));
            throw e;
        }

        profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile-")
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
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (!timings.isEmpty()) {
            StringBuilder report = new StringBuilder(String.format(
                    java.util.Locale.ROOT,
                    "Console pages in Chromium with %,d claims added (ConsoleOperatorBrowserTest), %d cores,"
                            + " load average %.1f at the end: printed, not asserted%n%n| role | page | load ms |%n"
                            + "| --- | --- | ---: |%n",
                    VOLUME,
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage()));
            timings.forEach(t -> report.append("| ")
                    .append(t[0])
                    .append(" | ")
                    .append(t[1])
                    .append(" | ")
                    .append(t[2])
                    .append(" |\n"));
            Files.writeString(TIMINGS, report);
            LOG.info("console page timings in {}:\n{}", TIMINGS.toAbsolutePath(), report);
        }
        if (browser != null) {
            browser.quit();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void anOperatorWorksTheQueuesInTheConsole() throws Exception {
        coderFinalizesTheQueueItem();
        billerReleasesTheHeldClaimAndReadsTheTimelineAndKpis();
        adminDiscardsOneDeadLetterAndReplaysAnother();
    }

    private void coderFinalizesTheQueueItem() throws Exception {
        logIn("coder", "/work/coder");
        // other classes of this module may have left items in the queue: page to ours
        WebElement open = pageTo(By.cssSelector("a[data-encounter='" + coderEncounter + "']"));
        screenshot("coder-queue");
        open.sendKeys(Keys.ENTER);
        waitFor(By.id("documentation"));
        // edit: two diagnoses (first-listed first), the visit line pointing at both
        WebElement first = browser.findElement(By.id("dx-1"));
        first.clear();
        first.sendKeys("D64.9");
        WebElement second = browser.findElement(By.id("dx-2"));
        second.clear();
        second.sendKeys("I10");
        for (WebElement more : browser.findElements(By.cssSelector("input[name='dx']"))) {
            if (!List.of("dx-1", "dx-2").contains(more.getAttribute("id"))) {
                more.clear();
            }
        }
        WebElement code = browser.findElement(By.id("line-code-1"));
        if (code.getAttribute("value").isBlank()) {
            code.sendKeys("99213");
        }
        WebElement pointers = browser.findElement(By.id("line-pointers-1"));
        pointers.clear();
        pointers.sendKeys("1,2");
        screenshot("coder-item");
        browser.findElement(By.id("finalize")).sendKeys(Keys.ENTER);
        String notice = waitFor(By.cssSelector("p.notice")).getText();
        screenshot("coder-finalized");
        assertThat(notice).contains("finalized").contains("coding version 1");

        java.util.function.LongSupplier coderVersions = () -> count(
                Pipeline.CODING,
                "SELECT count(*) FROM coding_version WHERE encounter_id = ? AND method = 'CODER' AND coder_id = 'coder'",
                coderEncounter);
        // the claim built from the coder's coding is the visit's primary claim (payer sequence 1); a patient with a
        // second plan (12% of the population) soon has a secondary claim as well, built from the primary's remittance
        // with the same source event and coding version (coordination of benefits): it is no second claim of the coding
        java.util.function.LongSupplier primaryClaims = () -> count(
                Pipeline.CLAIM,
                "SELECT count(*) FROM claim WHERE encounter_id = ? AND is_current AND payer_sequence = 1"
                        + " AND coding_version = 1",
                coderEncounter);
        java.util.function.LongSupplier claimsFromTheCoding = () -> count(
                Pipeline.CLAIM,
                "SELECT count(*) FROM claim WHERE encounter_id = ? AND prior_payer_claim_id IS NULL",
                coderEncounter);
        try {
            await(
                    "the finalized coding as a coding version by the coder and one primary claim",
                    Duration.ofSeconds(60),
                    () -> coderVersions.getAsLong() == 1
                            && primaryClaims.getAsLong() == 1
                            && claimsFromTheCoding.getAsLong() == 1);
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + ": coding versions by the coder " + coderVersions.getAsLong()
                            + ", current primary claims " + primaryClaims.getAsLong()
                            + ", claims built from a coding (not for a next payer) " + claimsFromTheCoding.getAsLong()
                            + ", outbox rows unsent in coding-service "
                            + count(
                                    Pipeline.CODING,
                                    "SELECT count(*) FROM claimflow_platform.outbox WHERE published_at IS NULL"
                                            + " AND key = ?",
                                    coderEncounter)
                            + "; claims "
                            + rows(
                                    Pipeline.CLAIM,
                                    "SELECT string_agg(concat_ws(' ', claim_id, payer_id, status, is_current,"
                                            + " created_at, 'source', source_event_id, 'version', coding_version,"
                                            + " 'sequence', payer_sequence), '; ') FROM claim WHERE encounter_id = ?",
                                    coderEncounter)
                            + "; claim-service marks of those events "
                            + rows(
                                    Pipeline.CLAIM,
                                    "SELECT string_agg(concat_ws(' ', consumer_id, event_id, processed_at), '; ')"
                                            + " FROM claimflow_platform.processed_event WHERE event_id IN"
                                            + " (SELECT source_event_id::uuid FROM claim WHERE encounter_id = ?)",
                                    coderEncounter)
                            + "; coding-service outbox rows "
                            + rows(
                                    Pipeline.CODING,
                                    "SELECT string_agg(concat_ws(' ', id, seq, topic, created_at, published_at), '; '"
                                            + " ORDER BY seq) FROM claimflow_platform.outbox WHERE key = ?",
                                    coderEncounter),
                    e);
        }
        // coding-service keeps the EncounterCoded it published as Avro bytes (schemas StoredRecords)
        io.claimflow.events.EncounterCoded coded = io.claimflow.schemas.serde.StoredRecords.read(
                bytes(Pipeline.CODING, "SELECT coded_event FROM coding_version WHERE encounter_id = ?", coderEncounter),
                io.claimflow.events.EncounterCoded.class);
        assertThat(coded.toString()).contains("D64.9").contains("I10");
        logOut();
    }

    private void billerReleasesTheHeldClaimAndReadsTheTimelineAndKpis() throws Exception {
        String claimId = string(
                Pipeline.CLAIM, "SELECT claim_id FROM claim WHERE encounter_id = ? AND status = 'HELD'", heldEncounter);
        logIn("biller", "/work/held");
        // filter by the scrubber rule (other classes of this module leave self-pay claims held)
        waitFor(By.id("rule")).sendKeys("NPI_CHECK_DIGIT");
        browser.findElement(By.cssSelector("#held-filters button[type='submit']"))
                .sendKeys(Keys.ENTER);
        WebElement open = pageTo(By.cssSelector("a[data-claim='" + claimId + "']"));
        assertThat(browser.findElement(By.id("held")).getText()).contains("NPI_CHECK_DIGIT");
        screenshot("held-claims");
        open.sendKeys(Keys.ENTER);
        WebElement npi = waitFor(By.id("renderingNpi"));
        assertThat(browser.findElement(By.id("hold-reasons")).getText()).contains(BAD_RENDERING_NPI);
        npi.clear();
        npi.sendKeys(VALID_RENDERING_NPI);
        screenshot("held-claim-fix");
        browser.findElement(By.id("correct-and-release")).sendKeys(Keys.ENTER);
        String notice = waitFor(By.cssSelector("p.notice")).getText();
        screenshot("held-claim-released");
        assertThat(notice).contains(claimId).contains("released");
        await(
                "the released claim submitted",
                Duration.ofSeconds(30),
                () -> count(
                                Pipeline.CLAIM,
                                "SELECT count(*) FROM claim_status_history WHERE claim_id = ? AND to_status = 'SUBMITTED'",
                                claimId)
                        == 1);
        assertThat(string(Pipeline.CLAIM, "SELECT rendering_npi FROM claim WHERE claim_id = ?", claimId))
                .isEqualTo(VALID_RENDERING_NPI);

        // denials work list renders with its filters
        browser.get(url("/work/denials"));
        waitFor(By.id("denial-filters"));
        screenshot("denials");

        // the released claim's timeline, from the console's read model
        await(
                "the console's read model has the released claim",
                Duration.ofSeconds(30),
                () -> count(Pipeline.CONSOLE, "SELECT count(*) FROM claim WHERE claim_id = ?", claimId) == 1);
        browser.get(url("/claims/" + claimId));
        new WebDriverWait(browser, WAIT)
                .until(d -> d.findElements(By.cssSelector("#timeline tbody tr")).size() >= 2);
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("SUBMITTED");
        screenshot("timeline");

        browser.get(url("/kpis"));
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("daily-chart"), "data-rendered", "true"));
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("category-chart"), "data-rendered", "true"));
        screenshot("kpis");
        logOut();
    }

    private void adminDiscardsOneDeadLetterAndReplaysAnother() throws Exception {
        JsonNode discard = deadLetters(POISON_DISCARD).get(0);
        String discardId =
                discard.path("topic").asText() + "/" + discard.path("partition").asInt() + "/"
                        + discard.path("offset").asLong();
        JsonNode replay = deadLetters(POISON_REPLAY).get(0);
        String replayId = replay.path("topic").asText() + "/"
                + replay.path("partition").asInt() + "/" + replay.path("offset").asLong();
        logIn("admin", "/dead-letters?service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED);
        WebElement row = waitFor(By.cssSelector("tr[data-letter='" + discardId + "']"));
        assertThat(row.getText()).contains(POISON_DISCARD);
        screenshot("dead-letters");

        // inspect, then discard with a note
        WebElement details = browser.findElement(By.cssSelector("details[data-letter='" + discardId + "'] summary"));
        details.sendKeys(Keys.ENTER);
        WebElement note = waitFor(By.cssSelector("details[data-letter='" + discardId + "'] textarea[name='note']"));
        note.sendKeys("not Avro: a test producer's mistake, nothing to recover");
        screenshot("dead-letter-inspect");
        browser.findElement(By.cssSelector("details[data-letter='" + discardId + "'] button.discard"))
                .sendKeys(Keys.ENTER);
        String notice = waitFor(By.cssSelector("p.notice")).getText();
        assertThat(notice).contains("Discarded").contains(discardId);
        assertThat(browser.findElements(By.cssSelector("tr[data-letter='" + discardId + "']")))
                .as("a discarded letter leaves the list")
                .isEmpty();
        assertThat(count(
                        Pipeline.CONSOLE,
                        "SELECT count(*) FROM claimflow_platform.audit_record"
                                + " WHERE action = 'dead-letter.discarded' AND username = 'admin' AND resource_id = ?",
                        discardId))
                .isEqualTo(1);
        assertThat(string(Pipeline.CONSOLE, "SELECT note FROM dead_letter_decision WHERE letter = ?", discardId))
                .isEqualTo("not Avro: a test producer's mistake, nothing to recover");

        // a poison record fails again as it is: the console warns and does not replay it until told the cause is fixed
        assertThat(waitFor(By.cssSelector("tr[data-letter='" + replayId + "']")).getText())
                .contains("Not retryable: it fails again unless its cause was fixed");
        waitFor(By.cssSelector("input[name='letter'][value='" + replayId + "']"))
                .sendKeys(Keys.SPACE);
        browser.findElement(By.id("replay-selected")).sendKeys(Keys.ENTER);
        assertThat(waitFor(By.cssSelector("#outcomes")).getText())
                .contains(replayId)
                .contains("not replayed, it failed as not retryable");
        browser.get(url("/dead-letters?service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED));

        // replay the selected one (bulk form) with the cause said fixed: back to its topic, through coding-service
        WebElement box = waitFor(By.cssSelector("input[name='letter'][value='" + replayId + "']"));
        box.sendKeys(Keys.SPACE);
        browser.findElement(By.id("cause-fixed")).sendKeys(Keys.SPACE);
        browser.findElement(By.id("replay-selected")).sendKeys(Keys.ENTER);
        String replayed = waitFor(By.cssSelector("#outcomes")).getText();
        screenshot("dead-letter-replayed");
        assertThat(replayed).contains(replayId).contains(": replayed to");
        assertThat(count(
                        Pipeline.CONSOLE,
                        "SELECT count(*) FROM claimflow_platform.audit_record"
                                + " WHERE action = 'dead-letter.replayed' AND username = 'admin' AND resource_id = ?",
                        replayId))
                .isEqualTo(1);
        await(
                "the replayed poison record back as a dead letter naming where it came from",
                Duration.ofSeconds(30),
                () -> deadLetters(POISON_REPLAY).stream()
                        .anyMatch(l -> replayId.equals(l.path("replayedFrom").asText())));
        logOut();
    }

    @Test
    @Order(2)
    void everyRoleWorksAtVolume() throws Exception {
        long filled = ConsoleVolume.fill(Infrastructure.get(), VOLUME);
        LOG.info("{} claims added to the read model and claim-service in {} ms", VOLUME, filled);
        // logged out whatever the first test left (it may have stopped half way, logged in as someone)
        browser.manage().deleteAllCookies();
        awaitTheSeeds();
        // two paid claims of the pipeline: one to void, one whose payment the payer takes back in an unmatched 835
        List<String> paid = paidCleanClaims();
        billerFindsClaimsAndWorksTheLists();
        billerActsOnEachHoldReason();
        billerWorksTheDenials(paid.get(0));
        coderRecodesTheDeniedClaim();
        billerMatchesAnUnmatchedRemittance(paid.get(1));
        billerTakesAndAssignsFollowUpWork();
        billerAppealsTheTimelyFilingDenial();
        auditorReadsTheKpis();
        adminOpensTheQuarantine();
        patientAccountsFindsAPatientAndTakesPayments();
    }

    /** Waits until the seeded encounters' claims are where the tasks start: held, denied, paid. */
    private static void awaitTheSeeds() throws InterruptedException {
        Map<String, BooleanSupplier> ready = new java.util.LinkedHashMap<>();
        for (String encounter :
                List.of(selfPayToBill, selfPayToCover, unpricedEncounter, lateToRelease, lateToWriteOff)) {
            ready.put("the held claim of " + encounter, () -> "HELD".equals(statusOfClaimOf(encounter)));
        }
        for (String encounter : List.of(deniedToRecode, deniedToAppeal)) {
            ready.put("the denied claim of " + encounter, () -> "DENIED".equals(statusOfClaimOf(encounter)));
        }
        ready.put("two paid claims", () -> paidCleanClaims().size() >= 2);
        long began = System.nanoTime();
        try {
            for (Map.Entry<String, BooleanSupplier> condition : ready.entrySet()) {
                await(condition.getKey(), Duration.ofSeconds(90), condition.getValue());
            }
        } catch (AssertionError e) {
            LOG.error(
                    "seeded claims: {}; coding: {}",
                    rows(
                            Pipeline.CLAIM,
                            "SELECT c.encounter_id || ' ' || c.claim_id || ' ' || c.status || ' '"
                                    + " || coalesce(string_agg(f.rule_id, ','), '') FROM claim c"
                                    + " LEFT JOIN claim_scrub_finding f ON f.claim_id = c.claim_id"
                                    + " WHERE c.encounter_id LIKE 'enc-" + RUN + "%' GROUP BY c.encounter_id,"
                                    + " c.claim_id, c.status"),
                    rows(
                            Pipeline.CODING,
                            "SELECT encounter_id || ' ' || status FROM encounter WHERE encounter_id LIKE 'enc-" + RUN
                                    + "s-%'"));
            throw e;
        }
        LOG.info("seeded claims ready after {} ms more", (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * A biller acts on a claim held for each reason, from the held list filtered by its rule: bills a self-pay claim
     * to the patient (claim-service bills it, the ledger has the charge), adds coverage to another and releases it,
     * adds the missing fee-schedule price and releases, edits a line's charge and releases a claim past timely filing
     * with a delay reason and the proof of timely filing, and writes off another one past timely filing.
     */
    private void billerActsOnEachHoldReason() throws Exception {
        String role = "biller";
        String selfPay = claimOf(selfPayToBill);
        logIn(role, "/work/held?rule=COVERAGE_ON_FILE");
        page(role, "held claims, no coverage");
        openFromTheList(selfPay);
        page(role, "a held self-pay claim");
        assertThat(browser.findElement(By.id("hold-reasons")).getText()).contains("COVERAGE_ON_FILE");
        browser.findElement(By.id("bill-patient-reason")).sendKeys("self-pay: no coverage at the visit");
        submitting(() -> browser.findElement(By.id("bill-patient")).sendKeys(Keys.ENTER));
        page(role, "a self-pay claim billed to the patient");
        assertThat(notice()).contains(selfPay).contains("billed to the patient");
        String billed = claimOf(selfPayToBill);
        assertThat(claim(billed).path("status").asText()).isEqualTo("BILLED_TO_PATIENT");
        await(
                "the self-pay charge on the patient's ledger",
                Duration.ofSeconds(30),
                () -> count(
                                Pipeline.PATIENT_BILLING,
                                "SELECT count(*) FROM journal_entry WHERE kind = 'SELF_PAY_CHARGE'"
                                        + " AND claim_id IN (?, ?)",
                                selfPay,
                                billed)
                        == 1);
        screenshot("volume-billed-to-patient");

        // the other self-pay patient has insurance after all: coverage added, released to that payer
        String uncovered = claimOf(selfPayToCover);
        browser.get(url("/work/claims/" + uncovered));
        page(role, "a held self-pay claim, to add coverage");
        browser.findElement(By.id("coverage-payer-id")).sendKeys("BKHP1");
        browser.findElement(By.id("coverage-payer-name")).sendKeys("Buckeye Health Plan");
        browser.findElement(By.id("coverage-member-id")).sendKeys(coveredMemberId);
        submitting(() -> browser.findElement(By.id("coverage-and-release")).sendKeys(Keys.ENTER));
        page(role, "coverage added and the claim released");
        assertThat(notice()).contains("now bills BKHP1").contains("released");
        JsonNode covered = claim(claimOf(selfPayToCover));
        assertThat(covered.path("payerId").asText()).isEqualTo("BKHP1");
        assertThat(covered.path("status").asText()).isNotIn("HELD", "CREATED");

        // a service the fee schedule does not price: the price added from the date of service, then released
        String unpriced = claimOf(unpricedEncounter);
        browser.get(url("/work/held?rule=CHARGE_FROM_FEE_SCHEDULE"));
        page(role, "held claims, no fee-schedule price");
        openFromTheList(unpriced);
        page(role, "a held claim without a price");
        WebElement price = waitFor(By.cssSelector("form.fee-price"));
        price.findElement(By.name("amount")).sendKeys("18.00");
        submitting(
                () -> price.findElement(By.cssSelector("button[type='submit']")).sendKeys(Keys.ENTER));
        page(role, "a fee-schedule price added and the claim released");
        assertThat(notice()).contains("Price 18.00 for " + UNPRICED_CODE).contains("released");
        JsonNode priced = claim(claimOf(unpricedEncounter));
        assertThat(priced.path("status").asText()).isNotIn("HELD", "CREATED");
        assertThat(priced.path("lines").findValuesAsText("procedureCode")).contains(UNPRICED_CODE);
        for (JsonNode line : priced.path("lines")) {
            if (UNPRICED_CODE.equals(line.path("procedureCode").asText())) {
                assertThat(line.path("charge").decimalValue()).isEqualByComparingTo("18.00");
            }
        }

        // past timely filing: a line's charge edited, then released late with a delay reason and the proof
        String late = claimOf(lateToRelease);
        browser.get(url("/work/held?rule=TIMELY_FILING"));
        page(role, "held claims, past timely filing");
        openFromTheList(late);
        page(role, "a claim past timely filing");
        assertThat(browser.findElement(By.id("hold-reasons")).getText()).contains("TIMELY_FILING");
        java.math.BigDecimal totalBefore = claim(late).path("totalCharge").decimalValue();
        WebElement lineForm = browser.findElement(By.cssSelector("form.edit-charge"));
        WebElement charge = lineForm.findElement(By.name("charge"));
        java.math.BigDecimal newCharge =
                new java.math.BigDecimal(charge.getAttribute("value")).add(java.math.BigDecimal.TEN);
        charge.clear();
        charge.sendKeys(newCharge.toPlainString());
        submitting(() ->
                lineForm.findElement(By.cssSelector("button[type='submit']")).sendKeys(Keys.ENTER));
        page(role, "a line's charge edited");
        assertThat(notice()).contains("Line 1 of claim " + late).contains("changed");
        JsonNode edited = claim(late);
        assertThat(edited.path("lines").get(0).path("charge").decimalValue()).isEqualByComparingTo(newCharge);
        assertThat(edited.path("totalCharge").decimalValue())
                .isEqualByComparingTo(totalBefore.add(java.math.BigDecimal.TEN));
        Select delay = new Select(browser.findElement(By.id("delay-reason")));
        delay.selectByIndex(1);
        String delayCode = delay.getFirstSelectedOption().getAttribute("value");
        // never sent, the claim has no proof claim-service could assemble (a first submission): the biller gives it
        WebElement proof = browser.findElement(By.id("late-note"));
        if (proof.getAttribute("value").isBlank()) {
            proof.sendKeys("coverage card received 2026-11-30, see attached");
        }
        submitting(() -> browser.findElement(By.id("late-release")).sendKeys(Keys.ENTER));
        page(role, "released late with a delay reason");
        assertThat(notice()).contains("released late with delay reason " + delayCode);
        assertThat(claim(late).path("status").asText()).isNotIn("HELD", "CREATED");
        assertThat(string(Pipeline.CLAIM, "SELECT delay_reason_code FROM claim WHERE claim_id = ?", late))
                .isEqualTo(delayCode);
        screenshot("volume-late-release");

        // another one past timely filing, with no proof: written off with the reason
        String lost = claimOf(lateToWriteOff);
        browser.get(url("/work/claims/" + lost));
        page(role, "a claim past timely filing, to write off");
        browser.findElement(By.id("write-off-reason")).sendKeys("past timely filing, no proof it was filed in time");
        submitting(() -> browser.findElement(By.id("write-off")).sendKeys(Keys.ENTER));
        page(role, "a claim past timely filing written off");
        assertThat(notice()).contains("Written off").contains(lost);
        assertThat(claim(lost).path("status").asText()).isEqualTo("WRITTEN_OFF");
        logOut();
    }

    /**
     * From the denial list (CARC 27: coverage ended), a biller sends one claim back to coding with instructions and
     * appeals another, records the appeal as lost and bills the balance to the patient (claim-service, then the
     * ledger); then voids a paid claim with the payer.
     */
    private void billerWorksTheDenials(String paidClaim) throws Exception {
        String role = "biller";
        String recode = claimOf(deniedToRecode);
        logIn(role, "/work/denials?carc=27");
        page(role, "denials, CARC 27");
        openFromTheList(recode);
        page(role, "a denied claim, from the denial list");
        browser.findElement(By.id("instructions")).sendKeys("Coverage ended before the visit: check the codes");
        submitting(() -> browser.findElement(By.id("request-recode")).sendKeys(Keys.ENTER));
        page(role, "a recode requested");
        assertThat(notice()).contains("Recode requested for claim " + recode);
        assertThat(claim(recode).path("status").asText()).isEqualTo("RECODE_REQUESTED");

        String appealed = claimOf(deniedToAppeal);
        browser.get(url("/work/denials?carc=27"));
        page(role, "denials, CARC 27, again");
        openFromTheList(appealed);
        page(role, "a denied claim, to appeal");
        browser.findElement(By.id("notes")).sendKeys("The member was covered on the date of service: card on file");
        submitting(() -> browser.findElement(By.id("file-appeal")).sendKeys(Keys.ENTER));
        page(role, "an appeal filed");
        assertThat(notice()).contains("Appeal filed for claim " + appealed);
        assertThat(claim(appealed).path("status").asText()).isEqualTo("APPEALED");
        WebElement outcome = waitFor(By.cssSelector("select[id^='outcome-']"));
        new Select(outcome).selectByValue("LOST");
        WebElement outcomeForm = outcome.findElement(By.xpath("./ancestor::form"));
        submitting(() ->
                outcomeForm.findElement(By.cssSelector("button[type='submit']")).sendKeys(Keys.ENTER));
        page(role, "an appeal lost");
        assertThat(notice()).contains("recorded as LOST");
        assertThat(claim(appealed).path("status").asText()).isEqualTo("APPEAL_LOST");
        java.math.BigDecimal balance = claim(appealed).path("balance").decimalValue();
        waitFor(By.cssSelector("#lost-appeal-form input[value='BILL_PATIENT']")).sendKeys(Keys.SPACE);
        browser.findElement(By.id("lost-appeal-reason")).sendKeys("coverage ended: the patient pays");
        submitting(() -> browser.findElement(By.id("decide-lost-appeal")).sendKeys(Keys.ENTER));
        page(role, "a lost appeal's balance billed to the patient");
        assertThat(notice()).contains("billed to the patient").contains("claim and patient ledger");
        assertThat(claim(appealed).path("status").asText()).isNotEqualTo("APPEAL_LOST");
        assertThat(string(
                        Pipeline.PATIENT_BILLING,
                        "SELECT count(*) FROM journal_entry WHERE kind = 'BALANCE_DECISION' AND claim_id = ?",
                        appealed))
                .isEqualTo("1");
        assertThat(balance).isPositive();
        screenshot("volume-lost-appeal");

        browser.get(url("/work/claims/" + paidClaim));
        page(role, "a paid claim, to void");
        browser.findElement(By.id("void-reason")).sendKeys("billed for the wrong visit");
        submitting(() -> browser.findElement(By.id("void-claim")).sendKeys(Keys.ENTER));
        page(role, "a claim voided with the payer");
        assertThat(notice()).contains("Claim " + paidClaim + " voided").contains("frequency 8");
        assertThat(claim(paidClaim).path("status").asText()).isEqualTo("VOIDED");
        logOut();
    }

    /** The coder opens the recode the biller asked for from the coder queue and finalizes it: a new claim goes out. */
    private void coderRecodesTheDeniedClaim() throws Exception {
        String role = "coder";
        String denied = claimOf(deniedToRecode);
        logIn(role, "/work/coder?kind=RECODE");
        page(role, "coder queue, recodes");
        await(
                "the recode in the coder queue",
                Duration.ofSeconds(30),
                () -> count(
                                Pipeline.CODING,
                                "SELECT count(*) FROM coder_queue_item WHERE status = 'OPEN' AND encounter_id = ?",
                                deniedToRecode)
                        == 1);
        browser.get(url("/work/coder?kind=RECODE"));
        WebElement item = pageTo(By.cssSelector("a[data-encounter='" + deniedToRecode + "']"));
        submitting(() -> item.sendKeys(Keys.ENTER));
        page(role, "a recode work item");
        assertThat(browser.findElement(By.id("main")).getText()).containsIgnoringCase("recode");
        WebElement code = browser.findElement(By.id("line-code-1"));
        if (code.getAttribute("value").isBlank()) {
            code.sendKeys("99213");
        }
        WebElement pointers = browser.findElement(By.id("line-pointers-1"));
        if (pointers.getAttribute("value").isBlank()) {
            pointers.sendKeys("1");
        }
        submitting(() -> browser.findElement(By.id("finalize")).sendKeys(Keys.ENTER));
        page(role, "a recode finalized");
        assertThat(notice()).contains("finalized").contains("coding version 2");
        await("the recoded encounter's new claim", Duration.ofSeconds(60), () -> {
            String current = claimOf(deniedToRecode);
            return current != null && !current.equals(denied);
        });
        await(
                "the denied claim replaced by the recoded one",
                Duration.ofSeconds(30),
                () -> "REPLACED".equals(claim(denied).path("status").asText()));
        assertThat(claim(claimOf(deniedToRecode)).path("codingVersion").asInt()).isEqualTo(2);
        logOut();
    }

    /**
     * The payer takes back a payment in an 835 whose claim the gateway cannot find (the payer garbled the patient
     * control number and its own claim number): uploaded in the console, it is listed as unmatched; the biller finds
     * the claim by number and matches it by hand, and the payment is taken back in claim-service.
     */
    private void billerMatchesAnUnmatchedRemittance(String paidClaim) throws Exception {
        String role = "biller";
        JsonNode paid = claim(paidClaim);
        JsonNode payment = paid.path("payments").get(0);
        java.math.BigDecimal charge = paid.path("totalCharge").decimalValue();
        java.math.BigDecimal paidAmount = payment.path("paidAmount").decimalValue();
        java.math.BigDecimal patient = payment.path("patientResponsibility").decimalValue();
        String trace = "REV" + System.currentTimeMillis() % 10_000_000_000L;
        Path file = Files.writeString(
                Files.createDirectories(Path.of("target"))
                        .resolve("reversal-835.x12")
                        .toAbsolutePath(),
                reversal835(
                        trace,
                        charge,
                        paidAmount,
                        patient,
                        paid.path("dateOfService").asText()));
        logIn(role, "/remittances");
        page(role, "remittances, to upload an 835");
        browser.findElement(By.id("file")).sendKeys(file.toString());
        submitting(() -> browser.findElement(By.cssSelector("#upload-835 button[type='submit']"))
                .sendKeys(Keys.ENTER));
        page(role, "remittances, a reversal uploaded");
        WebElement row = waitFor(By.xpath("//table[@id='unmatched']//tr[td[normalize-space()='" + trace + "']]"));
        WebElement number = row.findElement(By.name("claimNumber"));
        submitting(() -> number.sendKeys(paidClaim, Keys.ENTER));
        page(role, "an unmatched 835 claim, its claim found by number");
        WebElement match = waitFor(
                By.xpath("//table[@id='candidates']//button[normalize-space()='Match to claim " + paidClaim + "']"));
        submitting(() -> match.sendKeys(Keys.ENTER));
        page(role, "an 835 claim matched by hand");
        assertThat(notice())
                .contains("trace " + trace)
                .contains("matched to claim " + paidClaim)
                .contains("took its earlier payment back");
        assertThat(browser.findElements(
                        By.xpath("//table[@id='unmatched']//tr[td[normalize-space()='" + trace + "']]")))
                .as("a matched 835 claim leaves the unmatched list")
                .isEmpty();
        await(
                "the payment taken back in claim-service",
                Duration.ofSeconds(30),
                () -> "REVERSED".equals(claim(paidClaim).path("status").asText()));
        screenshot("volume-matched-by-hand");
        logOut();
    }

    /**
     * A reversal (CLP02 22) of the claim's payment in an 835 (005010X221A1) from the pipeline's payer: its amounts the
     * negatives of the payment's, its patient control number, payer claim number and member id none the gateway knows,
     * so the gateway keeps it unmatched. BPR02 is the (negative) total: a debit.
     */
    private static String reversal835(
            String trace,
            java.math.BigDecimal charge,
            java.math.BigDecimal paid,
            java.math.BigDecimal patient,
            String dateOfService) {
        java.math.BigDecimal contractual = charge.subtract(paid).subtract(patient);
        String control = String.format("%09d", System.currentTimeMillis() % 1_000_000_000L);
        String today = LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String dos = LocalDate.parse(dateOfService).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        List<String> transaction = new ArrayList<>(List.of(
                "ST*835*0001*005010X221A1",
                "BPR*I*" + paid.toPlainString() + "*D*ACH*CCP*01*011000015*DA*0001234567*1310000001**01*021000021*DA*"
                        + "0009876543*" + today,
                "TRN*1*" + trace + "*1310000001",
                "DTM*405*" + today,
                "N1*PR*BUCKEYE HEALTH PLAN",
                "N3*100 PAYER WAY",
                "N4*COLUMBUS*OH*43215",
                "REF*2U*BKHP1",
                "PER*BL*PROVIDER SERVICES*TE*8005550100",
                "N1*PE*RIVERSIDE FAMILY MEDICINE LLC*XX*1847362914",
                "LX*1",
                "CLP*GARBLED" + trace + "*22*-" + charge.toPlainString() + "*-" + paid.toPlainString() + "*"
                        + (patient.signum() == 0 ? "" : "-" + patient.toPlainString()) + "*12*BKHPX" + trace
                        + "*11*1"));
        if (contractual.signum() != 0) {
            transaction.add("CAS*CO*45*-" + contractual.toPlainString());
        }
        if (patient.signum() != 0) {
            transaction.add("CAS*PR*1*-" + patient.toPlainString());
        }
        transaction.add("NM1*QC*1*UNKNOWN*PATIENT****MI*ZZ" + trace);
        transaction.add("DTM*232*" + dos);
        transaction.add("SE*" + (transaction.size() + 1) + "*0001");
        List<String> segments = new ArrayList<>();
        segments.add("ISA*00*          *00*          *ZZ*SIMPAYER       *ZZ*CLAIMFLOW      *" + today.substring(2)
                + "*1200*^*00501*" + control + "*0*T*:");
        segments.add("GS*HP*SIMPAYER*CLAIMFLOW*" + today + "*1200*" + Long.parseLong(control) + "*X*005010X221A1");
        segments.addAll(transaction);
        segments.add("GE*1*" + Long.parseLong(control));
        segments.add("IEA*1*" + control);
        return String.join("~\n", segments) + "~\n";
    }

    /**
     * The follow-up and timely-filing worklist at volume: one page of it with its total and the next page, then the
     * biller takes the next item (its claim opens, it is the biller's), assigns another to a colleague, sees the colleague's count in the productivity table and the taken
     * item among "my items".
     */
    private void billerTakesAndAssignsFollowUpWork() throws Exception {
        String role = "biller";
        logIn(role, "/work/follow-up");
        page(role, "follow-up and timely-filing worklist");
        // one page of the list, counted by claim-service, with the next page a link away
        assertThat(browser.findElement(By.cssSelector(".paging")).getText())
                .matches("(?s)(None|1–\\d+ of (more than )?\\d+).*");
        if (!browser.findElements(By.linkText("Next page")).isEmpty()) {
            browser.findElement(By.linkText("Next page")).click();
            page(role, "follow-up worklist, page 2");
            assertThat(browser.findElement(By.cssSelector(".paging")).getText()).startsWith("26–");
            browser.get(url("/work/follow-up"));
            page(role, "follow-up and timely-filing worklist, again");
        }
        submitting(() -> browser.findElement(By.id("take-next")).sendKeys(Keys.ENTER));
        page(role, "the next follow-up item taken");
        assertThat(notice()).contains("is yours");
        String taken = browser.getCurrentUrl().replaceAll(".*/work/claims/([^/?#]+).*", "$1");
        assertThat(count(
                        Pipeline.CONSOLE,
                        "SELECT count(*) FROM work_assignment WHERE claim_id = ? AND assignee = 'biller'"
                                + " AND done_at IS NULL",
                        taken))
                .isEqualTo(1);
        browser.get(url("/work/follow-up"));
        page(role, "follow-up worklist, to assign");
        WebElement form = waitFor(By.xpath(
                "//table[@id='follow-up']//form[input[@name='assignee' and" + " (not(@value) or @value='')]]"));
        String assigned = form.findElement(By.name("claimId")).getAttribute("value");
        WebElement assignee = form.findElement(By.name("assignee"));
        submitting(() -> assignee.sendKeys("biller2", Keys.ENTER));
        page(role, "a follow-up item assigned");
        assertThat(notice()).contains("Claim " + assigned + " assigned to biller2");
        assertThat(count(
                        Pipeline.CONSOLE,
                        "SELECT count(*) FROM work_assignment WHERE claim_id = ? AND assignee = 'biller2'"
                                + " AND assigned_by = 'biller' AND done_at IS NULL",
                        assigned))
                .isEqualTo(1);
        assertThat(browser.findElement(By.id("productivity")).getText()).contains("biller2");
        browser.get(url("/work/follow-up?mine=true"));
        page(role, "my follow-up items");
        assertThat(browser.findElement(By.id("follow-up")).getText())
                .contains(taken)
                .doesNotContain(assigned);
        logOut();
    }

    /**
     * The claim released late goes to the payer, which denies it for timely filing (CARC 29): from the denial list the
     * biller appeals with the proof of timely filing claim-service assembles, and the appeal carries it.
     */
    private void billerAppealsTheTimelyFilingDenial() throws Exception {
        String role = "biller";
        await(
                "the payer's timely-filing denial of the claim released late",
                Duration.ofSeconds(60),
                () -> "DENIED".equals(statusOfClaimOf(lateToRelease)));
        String late = claimOf(lateToRelease);
        logIn(role, "/work/denials?carc=29");
        page(role, "denials, CARC 29");
        openFromTheList(late);
        page(role, "a timely-filing denial");
        String proof = waitFor(By.id("timely-filing-proof")).getAttribute("value");
        assertThat(proof).as("the proof of timely filing, prefilled").isNotBlank();
        browser.findElement(By.id("notes")).sendKeys("Filed in time: the proof of timely filing is attached");
        submitting(() -> browser.findElement(By.id("file-appeal")).sendKeys(Keys.ENTER));
        page(role, "a timely-filing appeal filed with its proof");
        assertThat(notice()).contains("Appeal filed for claim " + late);
        JsonNode appealed = claim(late);
        assertThat(appealed.path("status").asText()).isEqualTo("APPEALED");
        assertThat(appealed.path("appeals").get(0).path("timelyFilingProof").asText())
                .isEqualTo(proof.strip());
        logOut();
    }

    /** Opens the claim from the list on this page or a following one. */
    private void openFromTheList(String claimId) {
        WebElement open = pageTo(By.cssSelector("a[data-claim='" + claimId + "']"));
        submitting(() -> open.sendKeys(Keys.ENTER));
    }

    /** The notice the page shows after an action. */
    private String notice() {
        return waitFor(By.cssSelector("p.notice")).getText();
    }

    /** claim-service's current claim of {@code encounter}. */
    private static String claimOf(String encounter) {
        return string(Pipeline.CLAIM, "SELECT claim_id FROM claim WHERE encounter_id = ? AND is_current", encounter);
    }

    private static String statusOfClaimOf(String encounter) {
        return string(Pipeline.CLAIM, "SELECT status FROM claim WHERE encounter_id = ? AND is_current", encounter);
    }

    /** The paid claims of the clean encounters, by claim-service (CLOSED: paid, the patient's share billed). */
    private static List<String> paidCleanClaims() {
        List<String> paid = new ArrayList<>();
        for (String encounter : cleanEncounters) {
            if (List.of("PAID", "CLOSED").contains(statusOfClaimOf(encounter))) {
                paid.add(claimOf(encounter));
            }
        }
        return paid;
    }

    /** claim-service's claim as the biller reads it ({@code GET /claims/{id}}). */
    private static JsonNode claim(String claimId) {
        return get(Pipeline.CLAIM, "biller", "/claims/" + claimId);
    }

    /** A service's JSON answer to a GET as {@code user} (demo password), which must be 200. */
    private static JsonNode get(Pipeline.Service service, String user, String path) {
        return call(
                service,
                user,
                HttpRequest.newBuilder(URI.create(pipeline.instance(service).url() + path))
                        .GET());
    }

    private static JsonNode call(Pipeline.Service service, String user, HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            request.header("Accept", "application/json")
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString((user + ":demo-" + user)
                                                                    .getBytes(StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode())
                    .as(service.module() + " answered " + answer.body())
                    .isBetween(200, 299);
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void billerFindsClaimsAndWorksTheLists() throws Exception {
        String role = "biller";
        logIn(role, "/claims");
        page(role, "claims, newest first");
        assertThat(browser.findElement(By.id("claim-results")).getText()).contains("clm-bm-");
        // by number, typed into the filter form
        WebElement number = browser.findElement(By.id("number"));
        submitting(() -> number.sendKeys(ConsoleVolume.claimId(4242), Keys.ENTER));
        page(role, "claims, by number");
        assertThat(browser.findElement(By.id("claim-results")).getText()).contains(ConsoleVolume.claimId(4242));
        // by status, newest date of service first
        browser.findElement(By.id("number")).clear();
        choose("status", "PAID");
        choose("sort", "-dateOfService");
        submit("#claim-filters");
        page(role, "claims, PAID by date of service");
        assertThat(browser.findElement(By.id("claim-results")).getText()).contains("PAID");
        // the next page of them
        submitting(() -> browser.findElement(By.cssSelector("a[rel='next']")).sendKeys(Keys.ENTER));
        page(role, "claims, PAID, page 2");
        // a payer and six months of service by charge; a patient
        LocalDate today = LocalDate.now();
        browser.get(url("/claims?payer=BKHP1&dosFrom=" + today.minusMonths(6) + "&dosTo=" + today + "&sort=charge"));
        page(role, "claims, payer and 6 months of service by charge");
        assertThat(browser.findElement(By.id("claim-results")).getText()).contains("clm-bm-");
        browser.get(url("/claims?mrn=MRN004244"));
        page(role, "claims, a patient (MRN)");
        assertThat(browser.findElement(By.id("claim-results")).getText()).contains("clm-bm-");
        browser.get(url("/claims?page=2000"));
        page(role, "claims, page 2,001");

        // the held list: filtered by a rule, sorted by charge, paged
        browser.get(url("/work/held"));
        page(role, "held claims");
        browser.get(url("/work/held?rule=TIMELY-FILING&sort=-charge"));
        page(role, "held claims, a rule by charge");
        assertThat(browser.findElement(By.id("held")).getText()).contains("TIMELY-FILING");

        // the denial list: a queue, a payer and a CARC
        browser.get(url("/work/denials"));
        page(role, "denials");
        browser.get(url("/work/denials?queue=DENIAL&payer=AETNA1&carc=16"));
        page(role, "denials, queue, payer and CARC");
        assertThat(browser.findElement(By.id("denials")).getText()).contains("clm-bm-");

        // remittances: deposits, unmatched remittances, quarantine
        browser.get(url("/remittances"));
        page(role, "remittances");
        // a deposit the payer paid the pipeline's claims with, found by its trace number, and its detail
        await(
                "a deposit from the payer",
                Duration.ofSeconds(90),
                () -> string(Pipeline.GATEWAY, "SELECT trace_number FROM remittance WHERE trace_number <> ?", "")
                        != null);
        String trace =
                string(Pipeline.GATEWAY, "SELECT trace_number FROM remittance WHERE trace_number <> ? ORDER BY id", "");
        WebElement traceNumber = browser.findElement(By.id("traceNumber"));
        submitting(() -> traceNumber.sendKeys(trace, Keys.ENTER));
        page(role, "remittances, a deposit by trace number");
        WebElement deposit = waitFor(By.cssSelector("#deposits a"));
        submitting(() -> deposit.sendKeys(Keys.ENTER));
        page(role, "a deposit's detail");
        assertThat(waitFor(By.id("deposit")).getText()).contains(trace);
        // an 835 that is not one: quarantined with its reason, for an administrator to retry
        browser.get(url("/remittances"));
        waitFor(By.id("upload-835"));
        Path bad = Files.writeString(
                Files.createDirectories(Path.of("target"))
                        .resolve("not-an-835.x12")
                        .toAbsolutePath(),
                "ISA*00*          *00*          *ZZ*BADPAYER       *ZZ*CLAIMFLOW      *260101*1200*^*00501*"
                        + "000000999*0*P*:~GS*HP*BADPAYER*CLAIMFLOW*20260101*1200*999*X*005010X221A1~ST*835*0001~"
                        + "BPR*I*not money*C*CHK~SE*3*0001~GE*1*999~IEA*1*000000999~");
        browser.findElement(By.id("file")).sendKeys(bad.toString());
        submitting(() -> browser.findElement(By.cssSelector("#upload-835 button[type='submit']"))
                .sendKeys(Keys.ENTER));
        pageWithItsWords(role, "remittances, an 835 uploaded", "quarantined");
        browser.get(url("/encounters"));
        page(role, "encounters, newest first");
        browser.get(url("/encounters?state=PAID"));
        page(role, "encounters, PAID");
        logOut();
    }

    private void auditorReadsTheKpis() throws Exception {
        String role = "auditor";
        logIn(role, "/kpis");
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("daily-chart"), "data-rendered", "true"));
        page(role, "KPIs, 30 days");
        assertThat(browser.findElement(By.id("claim-count")).getText()).isNotBlank();
        LocalDate today = LocalDate.now();
        browser.get(url("/kpis?from=" + today.minusYears(1).plusDays(1) + "&to=" + today));
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.attributeToBe(By.id("daily-chart"), "data-rendered", "true"));
        page(role, "KPIs, a year");
        screenshot("volume-kpis");
        logOut();
    }

    private void adminOpensTheQuarantine() throws Exception {
        String role = "admin";
        logIn(role, "/remittances/quarantine");
        page(role, "quarantined X12");
        // retry each quarantined file the list offers (none unless a service quarantined one in this run)
        List<WebElement> retry = browser.findElements(By.cssSelector("#quarantined button[type='submit']"));
        assertThat(retry).as("the 835 the biller uploaded is quarantined").isNotEmpty();
        submitting(() -> retry.get(0).sendKeys(Keys.ENTER));
        // still not an 835: quarantined again, with its reason, said in words
        pageWithItsWords(role, "quarantine, retried", "retried");
        browser.get(url("/dead-letters?service=coding-service&topic=" + Topics.ENCOUNTER_DOCUMENTED));
        page(role, "dead letters");
        logOut();
    }

    private void patientAccountsFindsAPatientAndTakesPayments() throws Exception {
        String role = "patient-accounts";
        logIn(role, "/patients?tenantId=riverside-fm");
        page(role, "patients of a practice");
        WebElement name = browser.findElement(By.id("name"));
        submitting(() -> name.sendKeys("gar", Keys.ENTER));
        page(role, "patients, by name");
        assertThat(browser.findElement(By.id("accounts")).getText()).containsIgnoringCase("Garcia");
        browser.get(url("/patients?tenantId=riverside-fm&mrn=MRN004244"));
        page(role, "patients, by MRN");
        assertThat(browser.findElement(By.id("accounts")).getText()).contains("MRN004244");
        String birthDate = string(
                Pipeline.PATIENT_BILLING,
                "SELECT birth_date::text FROM patient_account WHERE patient_ref = ?",
                "MRN004244");
        browser.get(url("/patients?tenantId=riverside-fm&birthDate=" + birthDate));
        page(role, "patients, by date of birth");
        assertThat(browser.findElement(By.id("accounts")).getText()).contains("MRN004244");

        // the account: a payment, Back, the same payment again is not posted twice; reverse it; refund a credit
        browser.get(url("/patients?tenantId=riverside-fm&mrn=MRN004244"));
        WebElement open = waitFor(By.cssSelector("#accounts a[href*='/patients/']"));
        submitting(() -> open.sendKeys(Keys.ENTER));
        page(role, "a patient's account");
        String accountId = browser.getCurrentUrl().replaceAll(".*/patients/(\\d+).*", "$1");
        browser.findElement(By.id("amount")).sendKeys("12.34");
        submitting(() -> browser.findElement(By.id("record-payment")).sendKeys(Keys.ENTER));
        page(role, "payment receipt");
        assertThat(payments(accountId, "12.34")).isEqualTo(1);
        submitting(() -> browser.navigate().back());
        page(role, "the account after Back");
        WebElement amount = waitFor(By.id("amount"));
        if (amount.getAttribute("value").isBlank()) {
            amount.sendKeys("12.34");
        }
        submitting(() -> browser.findElement(By.id("record-payment")).sendKeys(Keys.ENTER));
        pageWithItsWords(role, "the same payment submitted again", "Nothing was posted now");
        assertThat(payments(accountId, "12.34"))
                .as("Back and the same payment again posts nothing the rep did not confirm")
                .isEqualTo(1);
        screenshot("volume-payment-again");

        browser.get(url("/patients/" + accountId));
        page(role, "a patient's account, to reverse");
        WebElement reason = waitFor(By.cssSelector("#payments input[name='reason']"));
        submitting(() -> reason.sendKeys("entered on the wrong account", Keys.ENTER));
        page(role, "payment reversed");
        assertThat(browser.findElement(By.id("payments")).getText()).contains("Reversed: entered on the wrong account");

        // an overpayment leaves a credit (the account owes nothing): refund it
        browser.findElement(By.id("amount")).sendKeys("20.00");
        submitting(() -> browser.findElement(By.id("record-payment")).sendKeys(Keys.ENTER));
        page(role, "a payment that leaves a credit");
        browser.get(url("/patients/" + accountId));
        waitFor(By.id("refund-amount")).sendKeys("20.00");
        browser.findElement(By.id("refund-reason")).sendKeys("overpaid at the desk");
        submitting(() -> browser.findElement(By.id("record-refund")).sendKeys(Keys.ENTER));
        page(role, "credit refunded");
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).containsIgnoringCase("refund");
        screenshot("volume-refund");
        // the statement PDF of the self-pay patient the biller billed: a statement run of the practice (REST, as
        // patient accounts) gives the account a statement, so this step always runs
        call(
                Pipeline.PATIENT_BILLING,
                role,
                HttpRequest.newBuilder(URI.create(
                                pipeline.instance(Pipeline.PATIENT_BILLING).url() + "/statement-runs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"tenantId\": \"riverside-fm\"}")));
        browser.get(url("/patients?tenantId=riverside-fm&mrn=" + selfPayMrn));
        page(role, "patients, the self-pay patient by MRN");
        WebElement selfPay = waitFor(By.cssSelector("#accounts a[href*='/patients/']"));
        submitting(() -> selfPay.sendKeys(Keys.ENTER));
        page(role, "the self-pay patient's account, with a statement");
        assertThat(browser.findElements(By.cssSelector("a.pdf")))
                .as("the account has a statement")
                .isNotEmpty();
        long began = System.nanoTime();
        Object type = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[0];"
                        + "fetch(document.querySelector('a.pdf').href).then(r => done(r.status + ' '"
                        + " + r.headers.get('content-type')));");
        timings.add(new String[] {role, "statement PDF", String.valueOf((System.nanoTime() - began) / 1_000_000)});
        assertThat(String.valueOf(type)).startsWith("200 application/pdf");
        screenshot("volume-statement");
        logOut();
    }

    /** Payments of {@code amount} posted (not reversed) to account {@code accountId}. */
    private static long payments(String accountId, String amount) {
        return count(
                Pipeline.PATIENT_BILLING,
                "SELECT count(*) FROM patient_payment WHERE account_id = CAST(? AS bigint) AND amount = " + amount,
                accountId);
    }

    /**
     * The page the browser shows now is whole: no raw JSON, no stack trace, no error page (the console's error page,
     * a service's problem shown as a failure, or the container's); a failure shown only when {@code expectedFailure}
     * (not null) is in its words: the console telling what it refused and why.
     */
    private void pageIsFine(String name, String expectedFailure) {
        waitFor(By.id("main"));
        String text = browser.findElement(By.tagName("body")).getText();
        String title = browser.getTitle();
        assertThat(text).as(name + ": raw JSON").doesNotContainPattern(RAW_JSON);
        assertThat(text).as(name + ": a stack trace").doesNotContainPattern(STACK_TRACE);
        List<WebElement> failures = browser.findElements(By.cssSelector("p.failure"));
        if (expectedFailure == null) {
            assertThat(failures).as(name + ": a failure shown: " + text).isEmpty();
        } else {
            assertThat(failures)
                    .as(name + ": the words expected")
                    .anyMatch(f -> f.getText().contains(expectedFailure));
        }
        assertThat(title + "\n" + text)
                .as(name + ": an error page")
                .doesNotContainPattern("HTTP [45]\\d\\d|Whitelabel Error Page|Internal Server Error");
        Object width = ((JavascriptExecutor) browser)
                .executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);");
        assertThat(((Number) width).intValue())
                .as(name + ": wider than a 1,366 px screen")
                .isLessThanOrEqualTo(1366);
    }

    /** {@link #pageIsFine} (no failure shown) and the page's load time, for the report. */
    private void page(String role, String name) {
        pageWithItsWords(role, name, null);
    }

    /** {@link #pageIsFine}, a failure shown only with {@code expected} in its words, and the page's load time. */
    private void pageWithItsWords(String role, String name, String expected) {
        pageIsFine(name, expected);
        Object millis = ((JavascriptExecutor) browser)
                .executeScript(
                        "const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.duration);");
        timings.add(new String[] {role, name, String.valueOf(millis)});
        LOG.info("console page {} ({}) loaded in {} ms", name, role, millis);
    }

    /** Does what submits a form or follows a link, and waits until the page it was on is gone. */
    private void submitting(Runnable action) {
        WebElement main = browser.findElement(By.id("main"));
        action.run();
        new WebDriverWait(browser, WAIT).until(gone(main));
    }

    /**
     * The element has left the document. Selenium's {@code stalenessOf} expects a stale element reference; Chrome
     * answers a page in the middle of being replaced with "Node with given id does not belong to the document" (an
     * unknown error), which means the same.
     */
    static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                    return true;
                }
                throw e;
            }
        };
    }

    private void choose(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    private void submit(String form) {
        submitting(() -> browser.findElement(By.cssSelector(form + " button[type='submit']"))
                .sendKeys(Keys.ENTER));
    }

    private void logIn(String user, String path) {
        browser.get(url(path));
        WebElement name = waitFor(By.id("username"));
        name.sendKeys(user, Keys.TAB, "demo-" + user, Keys.ENTER);
        new WebDriverWait(browser, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private void logOut() {
        browser.findElement(By.cssSelector("header form button")).sendKeys(Keys.ENTER);
        waitFor(By.id("username"));
    }

    /** The element on this page of a list, or on a following one (by the list's "Next page" link). */
    private WebElement pageTo(By by) {
        waitFor(By.id("main"));
        for (int page = 0; page < 50; page++) {
            List<WebElement> found = browser.findElements(by);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            List<WebElement> next = browser.findElements(By.cssSelector("a[rel='next']"));
            if (next.isEmpty()) {
                break;
            }
            next.get(0).sendKeys(Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(gone(next.get(0)));
        }
        return waitFor(by);
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static String url(String path) {
        return pipeline.instance(Pipeline.CONSOLE).url() + path;
    }

    private static void screenshot(String name) throws Exception {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static WorkloadGenerator generator(
            Population population, Clock clock, String suffix, WorkloadGenerator.Kind kind) {
        Map<WorkloadGenerator.Kind, Integer> weights = new EnumMap<>(WorkloadGenerator.Kind.class);
        weights.put(kind, 1);
        return new WorkloadGenerator((RUN + suffix).hashCode(), population, clock, RUN + suffix, weights);
    }

    /** The next encounter of a patient whose primary coverage the payer knows as active. */
    private static WorkloadGenerator.Generated insured(WorkloadGenerator generator) {
        for (int i = 0; i < 200; i++) {
            WorkloadGenerator.Generated next = generator.next();
            if (next.patient().primary() != null
                    && next.patient().primary().eligibility() == Population.Eligibility.ACTIVE) {
                return next;
            }
        }
        throw new IllegalStateException("no insured patient in the population");
    }

    /**
     * The states the volume test's tasks start from, as encounters through the pipeline's front door: two self-pay
     * visits (held, no coverage), a visit with a service the fee schedule does not price (held), two visits past the
     * payer's 365-day timely-filing window (held), and two visits of patients whose coverage ended (the payer denies
     * them, CARC 27).
     */
    private static void seed(WorkloadPublisher publisher, Population population, Clock clock) {
        WorkloadGenerator seeds = generator(population, clock, "s", WorkloadGenerator.Kind.ACUTE_VISIT);
        LocalDate today = LocalDate.now(clock);
        WorkloadGenerator.Generated selfPay = patientWhere(seeds, p -> p.primary() == null);
        selfPayMrn = selfPay.patient().mrn();
        selfPayToBill = send(publisher, selfPay.event());
        selfPayToCover =
                send(publisher, patientWhere(seeds, p -> p.primary() == null).event());
        // the coverage the second self-pay patient turns out to have: a member the payer knows
        coveredMemberId = population.people().stream()
                .filter(p -> p.primary() != null
                        && p.primary().eligibility() == Population.Eligibility.ACTIVE
                        && "BKHP1".equals(p.primary().payerId()))
                .findFirst()
                .orElseThrow()
                .primary()
                .memberId();
        EncounterDocumented unpriced = insured(seeds).event();
        List<io.claimflow.events.DocumentedCode> procedures = new ArrayList<>(unpriced.getProcedures());
        procedures.add(io.claimflow.events.DocumentedCode.newBuilder()
                .setSystem(io.claimflow.events.CodeSystem.CPT)
                .setCode(UNPRICED_CODE)
                .setText("Glucose, quantitative, blood")
                .build());
        unpricedEncounter = send(
                publisher,
                EncounterDocumented.newBuilder(unpriced)
                        .setProcedures(procedures)
                        .build());
        // over a year ago (the payer's window is 365 days): patients born well before, covered since 2025
        java.util.function.Predicate<Population.Person> insuredAdult = p -> p.primary() != null
                && p.primary().eligibility() == Population.Eligibility.ACTIVE
                && p.birthDate().isBefore(today.minusYears(3));
        lateToRelease = send(
                publisher,
                EncounterDocumented.newBuilder(patientWhere(seeds, insuredAdult).event())
                        .setDateOfService(today.minusDays(400))
                        .build());
        lateToWriteOff = send(
                publisher,
                EncounterDocumented.newBuilder(patientWhere(seeds, insuredAdult).event())
                        .setDateOfService(today.minusDays(420))
                        .build());
        java.util.function.Predicate<Population.Person> ended =
                p -> p.primary() != null && p.primary().eligibility() == Population.Eligibility.ENDED;
        deniedToRecode = send(publisher, patientWhere(seeds, ended).event());
        deniedToAppeal = send(publisher, patientWhere(seeds, ended).event());
    }

    private static String send(WorkloadPublisher publisher, EncounterDocumented event) {
        publisher.send(event);
        return event.getEncounterId();
    }

    /** The next encounter of a patient {@code wanted} accepts. */
    private static WorkloadGenerator.Generated patientWhere(
            WorkloadGenerator generator, java.util.function.Predicate<Population.Person> wanted) {
        for (int i = 0; i < 5000; i++) {
            WorkloadGenerator.Generated next = generator.next();
            if (wanted.test(next.patient())) {
                return next;
            }
        }
        throw new IllegalStateException("no such patient in the population");
    }

    private static void poison(Infrastructure infrastructure, String key) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(
                            Topics.ENCOUNTER_DOCUMENTED,
                            key,
                            "{\"this\": \"is not Avro\"}".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    /** coding-service's dead letters of EncounterDocumented with {@code key}, from its REST API as ADMIN. */
    private static List<JsonNode> deadLetters(String key) {
        try {
            HttpResponse<String> list = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(pipeline.instance(Pipeline.CODING)
                                                    .url() + "/admin/dead-letters/" + Topics.ENCOUNTER_DOCUMENTED))
                                    .header(
                                            "Authorization",
                                            "Basic "
                                                    + Base64.getEncoder()
                                                            .encodeToString("admin:demo-admin"
                                                                    .getBytes(StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            List<JsonNode> letters = new ArrayList<>();
            if (list.statusCode() == 200) {
                for (JsonNode letter : JSON.readTree(list.body())) {
                    if (key.equals(letter.path("key").asText())
                            && "coding-service"
                                    .equals(letter.path("consumerGroup").asText())) {
                        letters.add(letter);
                    }
                }
            }
            return letters;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(300);
        }
    }

    private static List<String> rows(Pipeline.Service service, String sql, String... parameters) {
        var databases = pipeline.databases();
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        databases.url(service.database()), databases.username(), databases.password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static long count(Pipeline.Service service, String sql, String... parameters) {
        String value = string(service, sql, parameters);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static byte[] bytes(Pipeline.Service service, String sql, String... parameters) {
        var databases = pipeline.databases();
        try (Connection c = DriverManager.getConnection(
                        databases.url(service.database()), databases.username(), databases.password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getBytes(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String string(Pipeline.Service service, String sql, String... parameters) {
        var databases = pipeline.databases();
        try (Connection c = DriverManager.getConnection(
                        databases.url(service.database()), databases.username(), databases.password());
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
