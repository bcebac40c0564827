package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.e2e.demo.DeadLetterCounts;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.demo.VisitInvariants;
import io.claimflow.e2e.workload.Population;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.LogCapture;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 17's acceptance test: an unmodified Synthea population, generated here with a seed of our own, posted to
 * ehr-connector as Synthea wrote it (the hospital and practitioner bundles first, then one whole-history bundle per
 * patient), through every service and the payer simulator (coding, claim, gateway 837P, 999/277CA/835, posting,
 * patient ledger). Once the pipeline is quiet it prints the funnel (also written to
 * {@code target/synthea-acceptance/funnel.md}) and asserts: no encounter of the look-back window is dropped without a
 * reason the door's answer names; every published one ends coded with a claim the payer answered, or held with a
 * reason; the per-visit invariants hold; and at least {@code synthea.min-share} of the ambulatory medical encounters
 * (AMB, not dental) in the window became submitted claims.
 *
 * <p>System properties: {@code synthea.patients} (10), {@code synthea.seed} (1717), {@code synthea.reference-date}
 * (2026-11-30: the simulation ends there and the look-back window ends there), {@code synthea.look-back-months}
 * (12), {@code synthea.min-share} (see {@link #MIN_SHARE}), {@code synthea.settle-seconds} (240).
 */
@ClaimFlowInfrastructure
@Order(Integer.MAX_VALUE - 1)
class SyntheaAcceptanceTest {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheaAcceptanceTest.class);
    private static final int PATIENTS = Integer.getInteger("synthea.patients", 10);
    private static final long SEED = Long.getLong("synthea.seed", 1717L);
    private static final LocalDate REFERENCE_DATE =
            LocalDate.parse(System.getProperty("synthea.reference-date", "2026-11-30"));
    private static final int LOOK_BACK_MONTHS = Integer.getInteger("synthea.look-back-months", 12);
    /** The share of AMB (not dental) encounters in the window that must become submitted claims. */
    private static final BigDecimal MIN_SHARE = new BigDecimal(System.getProperty("synthea.min-share", "0.90"));

    private static final Duration SETTLE = Duration.ofSeconds(Long.getLong("synthea.settle-seconds", 240));
    private static final Duration QUIET = Duration.ofSeconds(15);
    private static final String TENANT = "synthea-ma";
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Synthea's payer names to the payer ids the e2e workload bills (Medicare Part B, Medicaid); every other name
     * (the commercial plans: Humana, Cigna Health, Aetna, ...) to the payer simulator's own payer id.
     */
    private static final Map<String, String> PAYER_IDS =
            Map.of("Medicare", "MCROH", "Dual Eligible", "MCROH", "Medicaid", "MCDOH");

    private static final String DEFAULT_PAYER_ID = "BKHP1";
    /** The payer simulator's plan for each payer id (plans from {@link Population#planProperties()} and its own). */
    private static final Map<String, String> PLANS =
            Map.of("MCROH", "medicare-part-b", "MCDOH", "medicaid", DEFAULT_PAYER_ID, "buckeye-ppo");
    /** Synthea's name for no insurance. */
    private static final String SELF_PAY = "NO_INSURANCE";

    private static Pipeline pipeline;
    private static SyntheaFunnel funnel;
    private static LogCapture logs;
    /** Names, addresses and SSNs of the Synthea patients: never in a log line. */
    private static final Set<String> PATIENT_DATA = new TreeSet<>();
    /** Synthea encounter ids the door's answers list as published. */
    private static final Set<String> PUBLISHED_BY_DOOR = new TreeSet<>();
    /** The services' encounter id for each Synthea encounter id that reached coding-service. */
    private static final Map<String, String> PUBLISHED = new HashMap<>();

    @BeforeAll
    static void runThePopulation() throws Exception {
        Path project = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
                .toAbsolutePath()
                .normalize();
        Path target = project.resolve("e2e/target");
        long began = System.nanoTime();
        SyntheaPopulation population = SyntheaPopulation.generate(
                Path.of(System.getProperty(
                        "synthea.classpath",
                        project.resolve("synthea-runtime/target/synthea").toString())),
                target.resolve("synthea"),
                PATIENTS,
                SEED,
                REFERENCE_DATE);
        long generated = System.nanoTime();
        LOG.info(
                "Synthea population of {} patients (seed {}, reference date {}) in {} ms: {}",
                PATIENTS,
                SEED,
                REFERENCE_DATE,
                (generated - began) / 1_000_000,
                population.directory());

        LocalDate from = REFERENCE_DATE.minusMonths(LOOK_BACK_MONTHS);
        // one pass over the bundles before posting: the payer learns its members, as the workload's payer does
        Map<Path, SyntheaPopulation.Contents> contents = new LinkedHashMap<>();
        for (Path bundle : population.patientBundles()) {
            contents.put(bundle, SyntheaPopulation.read(bundle));
        }
        Infrastructure infrastructure = Infrastructure.get();
        pipeline = Pipeline.start(infrastructure, simulator(contents.values(), from));
        assumeTrue(pipeline.startEhrConnector(ehrConnector(from)), "needs ehr-connector");
        String door = pipeline.instance(Pipeline.EHR_CONNECTOR).url() + "/fhir";
        long started = System.nanoTime();
        // started after the services: each Spring Boot start re-initializes Logback and drops other appenders
        logs = LogCapture.start();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<SyntheaFunnel.Answer> directoryAnswers = new ArrayList<>();
        for (Path bundle : population.directoryBundles()) {
            directoryAnswers.add(post(http, door, bundle));
        }
        List<SyntheaFunnel.Answer> patientAnswers = new ArrayList<>();
        List<SyntheaFunnel.Sent> inWindow = new ArrayList<>();
        int encounters = 0;
        long posted = System.nanoTime();
        for (Path bundle : population.patientBundles()) {
            SyntheaFunnel.Answer answer = post(http, door, bundle);
            patientAnswers.add(answer);
            if (answer.body() != null) {
                answer.body().path("encounters").forEach(e -> {
                    Matcher uuid = UUID.matcher(e.path("encounterId").asText(""));
                    if (uuid.find()) {
                        PUBLISHED_BY_DOOR.add(uuid.group());
                    }
                });
            }
            SyntheaPopulation.Contents patient = contents.get(bundle);
            PATIENT_DATA.addAll(patient.patientData());
            for (SyntheaPopulation.Encounter encounter : patient.encounters()) {
                encounters++;
                if (encounter.start() != null
                        && !encounter.start().isBefore(from)
                        && !encounter.start().isAfter(REFERENCE_DATE)) {
                    inWindow.add(new SyntheaFunnel.Sent(encounter, answer));
                }
            }
        }
        LOG.info("posted {} patient bundles in {} ms", patientAnswers.size(), (System.nanoTime() - posted) / 1_000_000);

        AtomicReference<String> last = new AtomicReference<>("");
        AtomicLong stableSince = new AtomicLong(System.nanoTime());
        await().atMost(SETTLE.plus(QUIET)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String now = progress();
            if (!now.equals(last.getAndSet(now))) {
                stableSince.set(System.nanoTime());
            }
            return System.nanoTime() - stableSince.get() >= QUIET.toNanos();
        });
        long quiet = System.nanoTime();
        LOG.info("pipeline quiet {} ms after the first patient bundle", (quiet - posted) / 1_000_000);

        funnel = SyntheaFunnel.count(
                        inWindow,
                        PUBLISHED,
                        stored(),
                        patientAnswers.size(),
                        patientAnswers,
                        directoryAnswers,
                        encounters,
                        from,
                        REFERENCE_DATE)
                .dental(SyntheaPopulation.dentalConcepts(project))
                .deadLetters(
                        DeadLetterCounts.read(infrastructure.kafkaBootstrapServers()),
                        encounterDeadLetterReasons(infrastructure.kafkaBootstrapServers()));
        String report = "Synthea acceptance: " + PATIENTS + " patients, seed " + SEED + ", reference date "
                + REFERENCE_DATE + ", look-back " + LOOK_BACK_MONTHS + " months\n\n" + funnel.render()
                + String.format(
                        "%nseconds: Synthea %.1f (0 when generated before), services started %.1f, bundles"
                                + " posted %.1f, pipeline quiet (incl. %d s without change) %.1f%n",
                        seconds(began, generated),
                        seconds(generated, started),
                        seconds(started, posted),
                        QUIET.toSeconds(),
                        seconds(posted, quiet));
        Path out = target.resolve("synthea-acceptance");
        Files.createDirectories(out);
        Files.writeString(out.resolve("funnel.md"), report);
        LOG.info("funnel\n{}", report);
        System.out.println(report);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void noPatientDataReachedTheLogs() {
        assertThat(PATIENT_DATA).as("patient data read from the bundles").isNotEmpty();
        assertThat(logs.events()).as("log events captured during the run").isNotEmpty();
        logs.assertNoneContain(PATIENT_DATA);
    }

    @Test
    void noEncounterOfTheWindowIsDroppedWithoutAReasonInTheAnswer() {
        assertThat(funnel.fates()).as("encounters in the look-back window").isNotEmpty();
        assertThat(funnel.silentlyDropped())
                .as("encounters in the window neither published nor refused with a" + " reason the door's answer names")
                .isEmpty();
    }

    @Test
    void everyPublishedEncounterEndsWithAnAnsweredClaimOrHeldWithAReason() {
        assertThat(funnel.unfinished())
                .as("published encounters in the window not coded into a claim the payer"
                        + " answered, nor held with a reason")
                .isEmpty();
    }

    @Test
    void eachVisitChargesThePatientOnceReachesThePayerAndHasWorkForItsOpenBalance() throws Exception {
        assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
        VisitInvariants.Violations visits = VisitInvariants.check(pipeline.databases(), PUBLISHED.values());
        LOG.info(visits.render());
        assertThat(visits.total()).as("%s", visits).isZero();
    }

    @Test
    void enoughAmbulatoryEncountersOfTheWindowBecomeSubmittedClaims() {
        assertThat(funnel.ambulatory()).as("AMB encounters in the window").isPositive();
        assertThat(funnel.ambulatoryShare())
                .as(
                        "share of the %d AMB (not dental) encounters in the window that"
                                + " became submitted claims (-Dsynthea.min-share=%s)",
                        funnel.ambulatory(), MIN_SHARE)
                .isGreaterThanOrEqualTo(MIN_SHARE);
    }

    /**
     * The payer: claims a year old are within its timely filing; its members are the Synthea patients with an
     * insured encounter in the look-back window (member id: the MRN, as the connector sends it with
     * {@code mrn-as-member-id}), each in the plan of the payer named on the latest such encounter's coverage, covered
     * over the whole window. Patients only ever self-pay are unknown to it.
     */
    static Map<String, String> simulator(Collection<SyntheaPopulation.Contents> patients, LocalDate from) {
        Map<String, String> properties = new LinkedHashMap<>(Population.planProperties());
        properties.put("payer-simulator.timely-filing-days", "36500");
        for (SyntheaPopulation.Contents patient : patients) {
            if (patient.mrn() == null) {
                continue;
            }
            String plan = patient.encounters().stream()
                    .filter(e -> e.start() != null
                            && !e.start().isBefore(from)
                            && !e.start().isAfter(REFERENCE_DATE))
                    .sorted(java.util.Comparator.comparing(SyntheaPopulation.Encounter::start))
                    .map(e -> patient.payerByEncounter().get(e.id()))
                    .filter(name -> name != null && !SELF_PAY.equals(name))
                    .map(name -> PLANS.get(PAYER_IDS.getOrDefault(name, DEFAULT_PAYER_ID)))
                    .reduce((first, second) -> second)
                    .orElse(null);
            if (plan == null) {
                continue;
            }
            // the 837P carries the member id as X12 text, upper case (Synthea's MRN is a lower-case UUID)
            String key = "payer-simulator.members.[" + patient.mrn().toUpperCase(java.util.Locale.ROOT) + "].";
            properties.put(key + "plan", plan);
            properties.put(key + "coverage-start", from.toString());
            properties.put(key + "coverage-end", REFERENCE_DATE.toString());
        }
        return properties;
    }

    /**
     * The reasons (header {@code claimflow-dlt-reason}) of the population's EncounterDocumented dead letters, counted:
     * an encounter the door published that coding-service could not take.
     */
    private static Map<String, Long> encounterDeadLetterReasons(String bootstrapServers) {
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Object> config = Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.StringDeserializer.class,
                org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        String topic = io.claimflow.schemas.Topics.ENCOUNTER_DOCUMENTED + io.claimflow.schemas.Topics.DLT_SUFFIX;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(config)) {
            List<org.apache.kafka.common.TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    Matcher uuid = UUID.matcher(String.valueOf(record.key()));
                    if (!uuid.find() || !PUBLISHED_BY_DOOR.contains(uuid.group())) {
                        continue;
                    }
                    var header = record.headers().lastHeader("claimflow-dlt-reason");
                    reasons.merge(
                            header == null
                                    ? "(no reason header)"
                                    : SyntheaFunnel.normalise(new String(header.value(), StandardCharsets.UTF_8)),
                            1L,
                            Long::sum);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("dead letters not read: {}", e.getClass().getSimpleName());
        }
        return reasons;
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    /**
     * The connector as a Massachusetts practice would configure it: its tenant, its billing provider (for encounters
     * whose organization has no NPI, as Synthea's have none), its rendering provider (for practitioners without a
     * valid NPI), and a look-back window that starts {@code from}
     * (counted in days before today, as the connector counts it; Synthea wrote nothing after the reference date).
     */
    private static Map<String, String> ehrConnector(LocalDate from) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("claimflow.ehr.tenant-id", TENANT);
        properties.put(
                "claimflow.ehr.fhir.look-back-days",
                String.valueOf(java.time.temporal.ChronoUnit.DAYS.between(from, LocalDate.now())));
        String billing = "claimflow.ehr.billing-provider.";
        properties.put(billing + "npi", "1234567893");
        properties.put(billing + "name", "Commonwealth Family Practice");
        properties.put(billing + "tax-id", "041234567");
        properties.put(billing + "taxonomy-code", "207Q00000X");
        properties.put(billing + "line1", "100 Cambridge St");
        properties.put(billing + "city", "Boston");
        properties.put(billing + "state", "MA");
        properties.put(billing + "postal-code", "021140000");
        // Synthea's practitioners carry NPIs starting with 9 (not valid): the practice's own physician stands in
        String rendering = "claimflow.ehr.rendering-provider.";
        properties.put(rendering + "npi", "1987654328");
        properties.put(rendering + "last-name", "Hale");
        properties.put(rendering + "first-name", "Morgan");
        properties.put(rendering + "taxonomy-code", "207Q00000X");
        // Synthea's coverage: a payer's name on the Coverage inside each ExplanationOfBenefit, no member id
        String payers = "claimflow.ehr.fhir.payers.";
        PAYER_IDS.forEach((name, id) -> properties.put(payers + "ids.[" + name + "]", id));
        properties.put(payers + "default-payer-id", DEFAULT_PAYER_ID);
        properties.put(payers + "self-pay-names", SELF_PAY);
        properties.put(payers + "mrn-as-member-id", "true");
        properties.putAll(prefixed("synthea.ehr."));
        return properties;
    }

    /** {@code -Dsynthea.ehr.<key>=<value>} passes {@code <key>=<value>} to ehr-connector (e.g. its limits). */
    private static Map<String, String> prefixed(String prefix) {
        Map<String, String> properties = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith(prefix)) {
                properties.put(k.toString().substring(prefix.length()), v.toString());
            }
        });
        return properties;
    }

    private static SyntheaFunnel.Answer post(HttpClient http, String door, Path bundle)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(door))
                        .timeout(Duration.ofMinutes(5))
                        .header("Content-Type", "application/fhir+json")
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofFile(bundle))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        LOG.info(
                "{} -> HTTP {}", bundle.getFileName().toString().replaceAll("^.*_", "patient "), response.statusCode());
        return new SyntheaFunnel.Answer(response.statusCode(), body);
    }

    /** What changes while the pipeline works on the population: coding outcomes, claims and their states. */
    private static String progress() throws SQLException {
        refreshPublished();
        Collection<String> ids = PUBLISHED.values();
        return rows(
                        Pipeline.CODING,
                        "SELECT encounter_id, status || current_version FROM encounter WHERE" + " encounter_id"
                                + in(ids))
                + "|" + rows(Pipeline.CLAIM, "SELECT claim_id, status" + " FROM claim WHERE encounter_id" + in(ids))
                + "|"
                + rows(
                        Pipeline.CLAIM,
                        "SELECT claim_id,"
                                + " count(*)::text FROM claim_status_history h WHERE claim_id IN (SELECT claim_id FROM claim"
                                + " WHERE encounter_id" + in(ids) + ") GROUP BY claim_id");
    }

    /** Synthea encounter ids (UUIDs) that reached coding-service, whatever id the connector gave them. */
    private static void refreshPublished() throws SQLException {
        Map<String, String> coding = rows(
                Pipeline.CODING,
                "SELECT encounter_id, tenant_id FROM encounter" + " WHERE tenant_id = '" + TENANT + "'");
        for (String encounterId : coding.keySet()) {
            Matcher uuid = UUID.matcher(encounterId);
            if (uuid.find()) {
                PUBLISHED.put(uuid.group(), encounterId);
            }
        }
    }

    private static SyntheaFunnel.Stored stored() throws SQLException {
        refreshPublished();
        Collection<String> ids = PUBLISHED.values();
        Map<String, String> codingStatus =
                rows(Pipeline.CODING, "SELECT encounter_id, status FROM encounter" + " WHERE encounter_id" + in(ids));
        Map<String, List<String>> holds = lists(
                Pipeline.CODING,
                "SELECT q.encounter_id, coalesce(r->>'code', '?')"
                        + " || ': ' || coalesce(r->>'message', '') FROM coder_queue_item q,"
                        + " jsonb_array_elements(q.hold_reasons) r WHERE q.status = 'OPEN' AND q.encounter_id"
                        + in(ids));
        Map<String, String> current = rows(
                Pipeline.CLAIM,
                "SELECT encounter_id, status FROM claim WHERE is_current" + " AND encounter_id" + in(ids));
        Set<String> submitted = new TreeSet<>(rows(
                        Pipeline.CLAIM,
                        "SELECT DISTINCT k.encounter_id, ''"
                                + " FROM claim_status_history h JOIN claim k ON k.claim_id = h.claim_id WHERE h.to_status = 'SUBMITTED'"
                                + " AND k.encounter_id" + in(ids))
                .keySet());
        Map<String, List<String>> findings = lists(
                Pipeline.CLAIM,
                "SELECT c.encounter_id, f.rule_id || ': '"
                        + " || f.message FROM claim c JOIN claim_scrub_finding f ON f.claim_id = c.claim_id"
                        + " WHERE c.is_current AND f.resolved_at IS NULL AND c.encounter_id" + in(ids));
        Map<String, String> payerReason = rows(
                Pipeline.CLAIM,
                "SELECT DISTINCT ON (c.encounter_id) c.encounter_id,"
                        + " coalesce(h.reason, '-') FROM claim c JOIN claim_status_history h ON h.claim_id = c.claim_id"
                        + " AND h.to_status = c.status WHERE c.is_current AND c.status IN ('DENIED', 'REJECTED')"
                        + " AND c.encounter_id" + in(ids) + " ORDER BY c.encounter_id, h.id DESC");
        Map<String, List<String>> normalisedHolds = new HashMap<>();
        holds.forEach((k, v) ->
                normalisedHolds.put(k, v.stream().map(SyntheaFunnel::normalise).toList()));
        Map<String, List<String>> normalisedFindings = new HashMap<>();
        findings.forEach((k, v) -> normalisedFindings.put(
                k, v.stream().map(SyntheaFunnel::normalise).toList()));
        Map<String, String> normalisedPayer = new HashMap<>();
        payerReason.forEach((k, v) -> normalisedPayer.put(k, SyntheaFunnel.normalise(v)));
        return new SyntheaFunnel.Stored(
                codingStatus, normalisedHolds, current, submitted, normalisedFindings, normalisedPayer);
    }

    private static String in(Collection<String> ids) {
        return ids.isEmpty()
                ? " IN (NULL)"
                : ids.stream()
                        .map(id -> "'" + id.replace("'", "''") + "'")
                        .collect(Collectors.joining(", ", " IN (", ")"));
    }

    private static Map<String, String> rows(Pipeline.Service service, String sql) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = connect(service);
                Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static Map<String, List<String>> lists(Pipeline.Service service, String sql) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = connect(service);
                Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return rows;
    }

    private static Connection connect(Pipeline.Service service) throws SQLException {
        PipelineSnapshot.Databases databases = pipeline.databases();
        Connection connection = DriverManager.getConnection(
                databases.url(service.database()), databases.username(), databases.password());
        connection.setReadOnly(true);
        return connection;
    }
}
