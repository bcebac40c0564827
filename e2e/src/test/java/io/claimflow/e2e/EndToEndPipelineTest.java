package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.e2e.demo.DeadLetterCounts;
import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.demo.VisitInvariants;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.LogCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few hundred generated encounters through every service and the payer simulator, then the invariants from the
 * services' own databases (read-only) and REST: every encounter ends in exactly one current claim in a final or
 * waiting state (or, held for a coder, in none yet), denial -> recode -> corrected claim -> payment happens, every
 * remittance dollar is posted exactly once in claim-service and in the patient ledger, and the money reconciles to
 * the cent; per visit ({@link VisitInvariants}): the patient is charged once for one visit, replaced claims
 * counted, every released claim reached the payer, and every open balance has a work item.
 */
@ClaimFlowInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndPipelineTest {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEndPipelineTest.class);
    private static final int ENCOUNTERS = Integer.getInteger("e2e.encounters", 300);
    private static final String RUN = "e2e";
    private static final String PREFIX = "enc-" + RUN + "-";
    private static final Set<String> IN_FLIGHT = Set.of("CREATED", "SUBMITTED", "ACKNOWLEDGED");

    private static Pipeline pipeline;
    private static PipelineSnapshot quiet;
    private static Population population;
    private static LogCapture logs;
    private static final Map<String, WorkloadGenerator.Kind> KINDS = new HashMap<>();
    private static final Map<WorkloadGenerator.Kind, Integer> KIND_COUNTS = new EnumMap<>(WorkloadGenerator.Kind.class);

    @BeforeAll
    static void runTheWorkload() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Clock clock = Clock.systemUTC();
        population = Population.generate(2026, 240, LocalDate.now(clock));
        long began = System.nanoTime();
        pipeline = Pipeline.start(infrastructure, population.payerSimulatorProperties());
        LOG.info("pipeline started in {} ms; missing: {}", (System.nanoTime() - began) / 1_000_000, pipeline.missing());

        // everything every service logs while the traffic flows, scanned for the population's patient data at the end;
        // started after the services, since each Spring Boot start re-initializes Logback and drops other appenders
        logs = LogCapture.start();
        WorkloadGenerator generator = new WorkloadGenerator(2026, population, clock, RUN);
        long published = System.nanoTime();
        try (WorkloadPublisher publisher =
                new WorkloadPublisher(infrastructure.kafkaBootstrapServers(), infrastructure.schemaRegistryUrl())) {
            publisher.publish(generator, ENCOUNTERS, 0, g -> {
                KINDS.put(g.event().getEncounterId(), g.kind());
                KIND_COUNTS.merge(g.kind(), 1, Integer::sum);
            });
        }
        LOG.info("published {} encounters: {}", ENCOUNTERS, KIND_COUNTS);
        PipelineSnapshot.Databases databases = pipeline.databases();
        quiet = Pipeline.awaitQuiet(
                () -> PipelineSnapshot.read(databases, PREFIX), Duration.ofSeconds(8), Duration.ofSeconds(150));
        LOG.info(
                "pipeline quiet {} ms after the first publish:\n{}",
                (System.nanoTime() - published) / 1_000_000,
                quiet.render());
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

    /**
     * No patient data in any service's log after the whole run (the security issue's scan): member ids, full names
     * as the services and HL7 would write them, street addresses. Single surnames and dates are left out: too short
     * or too common to tell a leak from a coincidence.
     */
    @Test
    @Order(100)
    void noPatientDataReachedTheLogs() {
        List<String> forbidden = new ArrayList<>();
        for (Population.Person person : population.people()) {
            forbidden.add(person.firstName() + " " + person.lastName());
            forbidden.add(person.lastName() + "^" + person.firstName());
            forbidden.add(person.lastName() + ", " + person.firstName());
            forbidden.add(person.line1());
            if (person.primary() != null) {
                forbidden.add(person.primary().memberId());
            }
            if (person.secondary() != null) {
                forbidden.add(person.secondary().memberId());
            }
        }
        assertThat(logs.events()).as("log events captured during the run").isNotEmpty();
        logs.assertNoneContain(forbidden);
    }

    @Test
    @Order(1)
    void everyEncounterEndsInExactlyOneCurrentClaimInAFinalOrWaitingStateOrWithACoder() throws SQLException {
        assumeTrue(pipeline.runs(Pipeline.CODING) && pipeline.runs(Pipeline.CLAIM), "needs coding and claims");
        Map<String, String> coding = rows(
                Pipeline.CODING,
                "SELECT encounter_id, status || ' ' || current_version" + " FROM encounter WHERE encounter_id LIKE '"
                        + PREFIX + "%'");
        assertThat(coding.keySet())
                .as("every published encounter reached coding")
                .containsAll(KINDS.keySet())
                .hasSize(ENCOUNTERS);
        Map<String, String> currentClaims = rows(
                Pipeline.CLAIM,
                // one current claim per payer of the visit (the unique index holds that per payer): counted on the
                // first
                // payer, and the visit's state is that of the last payer's current claim
                "SELECT encounter_id,"
                        + " count(*) FILTER (WHERE is_current AND payer_sequence = 1) || ' ' || coalesce((array_agg(status"
                        + " ORDER BY payer_sequence DESC) FILTER (WHERE is_current))[1], '-')"
                        + " FROM claim WHERE encounter_id LIKE '" + PREFIX + "%' GROUP BY encounter_id");
        Map<String, Integer> byOutcome = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, String> encounter : coding.entrySet()) {
            String id = encounter.getKey();
            boolean everCoded = !encounter.getValue().endsWith(" 0");
            String claim = currentClaims.get(id);
            if (!everCoded) {
                // held for a coder before any coding version: no claim can exist yet
                if (claim != null) {
                    violations.add(id + " never coded but has claims " + claim);
                }
                byOutcome.merge("held for a coder", 1, Integer::sum);
                continue;
            }
            if (claim == null || !claim.startsWith("1 ")) {
                violations.add(id + " (" + KINDS.get(id) + ") coded but current claims: " + claim);
                continue;
            }
            String status = claim.substring(2);
            if (IN_FLIGHT.contains(status)) {
                violations.add(id + " (" + KINDS.get(id) + ") still " + status);
            }
            byOutcome.merge(status, 1, Integer::sum);
        }
        LOG.info("outcomes: {}", byOutcome);
        assertThat(violations).isEmpty();
        assertThat(byOutcome.getOrDefault("held for a coder", 0))
                .as("some held for a coder")
                .isPositive();
        assertThat(byOutcome.keySet()).as("some paid").containsAnyOf("PAID", "CLOSED");
        assertThat(byOutcome.getOrDefault("HELD", 0))
                .as("self-pay is held by the scrubber")
                .isPositive();
    }

    @Test
    @Order(2)
    void deniedLabsAreRecodedAndTheCorrectedClaimIsPaid() throws SQLException {
        assumeTrue(
                pipeline.runs(Pipeline.CODING) && pipeline.runs(Pipeline.CLAIM) && pipeline.runs(Pipeline.GATEWAY),
                "needs coding, claims and the gateway");
        Map<String, String> corrected = rows(
                Pipeline.CLAIM,
                "SELECT c.encounter_id, c.status FROM claim c"
                        + " JOIN claim o ON o.claim_id = c.replaced_claim_id"
                        + " WHERE c.is_current AND c.frequency = 'REPLACEMENT' AND c.encounter_id LIKE '" + PREFIX
                        + "%'"
                        + " AND EXISTS (SELECT 1 FROM claim_status_history h WHERE h.claim_id = o.claim_id"
                        + "   AND h.to_status = 'RECODE_REQUESTED')"
                        + " AND EXISTS (SELECT 1 FROM claim_payment p WHERE p.claim_id = c.claim_id AND p.paid_amount > 0)");
        LOG.info(
                "denied, recoded, corrected and paid: {} encounters ({})",
                corrected.size(),
                corrected.keySet().stream()
                        .map(KINDS::get)
                        .collect(Collectors.groupingBy(k -> k, Collectors.counting())));
        assertThat(corrected)
                .as("denial -> recode -> corrected claim -> payment")
                .isNotEmpty();
        assertThat(corrected.keySet().stream().map(KINDS::get)).contains(WorkloadGenerator.Kind.LAB_DIAGNOSIS_MISMATCH);
        Map<String, String> recoded = rows(
                Pipeline.CODING,
                "SELECT encounter_id, max(version)::text"
                        + " FROM coding_version WHERE encounter_id LIKE '" + PREFIX + "%' GROUP BY encounter_id"
                        + " HAVING max(version) > 1");
        assertThat(recoded.keySet()).containsAll(corrected.keySet());
    }

    @Test
    @Order(3)
    void everyRemittanceDollarIsPostedExactlyOnceInClaimServiceAndInThePatientLedger() throws SQLException {
        assumeTrue(
                pipeline.runs(Pipeline.CODING) && pipeline.runs(Pipeline.CLAIM) && pipeline.runs(Pipeline.GATEWAY),
                "needs coding, claims and the gateway");
        // the gateway's matched 835 claims, per claim: what the payer said. A claim denied whole (CLP02 4) is a
        // ClaimDenied, not a PaymentPosted: no money, and the claim must show the denial instead. Visits billed to
        // more than one payer are checked per visit (a later payer restates the patient's share and posts on the
        // visit's ledger): everyVisitWithTwoPayersBillsTheNextPayerAndReconcilesPerVisit.
        String singlePayer = VisitInvariants.notIn(laterPayerVisits());
        Map<String, String> remitted = rows(
                Pipeline.GATEWAY,
                "SELECT r.claim_id, count(*) || ' ' || sum(r.paid_amount)"
                        + " || ' ' || sum(r.patient_responsibility) FROM remittance_claim r JOIN outbound_claim o"
                        + " ON o.claim_id = r.claim_id WHERE o.encounter_id LIKE '" + PREFIX
                        + "%' AND r.status_code <> '4' AND o.encounter_id" + singlePayer
                        + " GROUP BY r.claim_id");
        Map<String, String> deniedWhole = rows(
                Pipeline.GATEWAY,
                "SELECT r.claim_id, sum(r.paid_amount)::text"
                        + " FROM remittance_claim r JOIN outbound_claim o ON o.claim_id = r.claim_id"
                        + " WHERE o.encounter_id LIKE '" + PREFIX + "%' AND r.status_code = '4' GROUP BY r.claim_id");
        Map<String, String> deniedInClaims = rows(
                Pipeline.CLAIM,
                "SELECT claim_id, '0.00' FROM claim_status_history" + " WHERE to_status = 'DENIED' GROUP BY claim_id");
        assertThat(deniedInClaims)
                .as("every claim the payer denied whole is DENIED in claim-service")
                .containsAllEntriesOf(deniedWhole);
        Map<String, String> posted = rows(
                Pipeline.CLAIM,
                "SELECT p.claim_id, count(*) || ' ' || sum(p.paid_amount)"
                        + " || ' ' || sum(p.patient_responsibility) FROM claim_payment p JOIN claim c ON c.claim_id = p.claim_id"
                        + " WHERE c.encounter_id LIKE '" + PREFIX + "%' AND c.encounter_id" + singlePayer
                        + " GROUP BY p.claim_id");
        assertThat(remitted).as("remittances in the gateway").isNotEmpty();
        assertThat(differences(remitted, posted))
                .as("claim-service posted each remitted claim once, to the cent"
                        + " (claim: gateway 835 count paid patient -> claim-service)")
                .isEmpty();
        assertThat(count(Pipeline.CLAIM, "SELECT count(*) - count(DISTINCT event_id) FROM claim_payment"))
                .as("no PaymentPosted posted twice")
                .isZero();
        assertThat(rows(
                        Pipeline.CLAIM,
                        // a later payer's adjustments include what it adjusted for the earlier payers (CARC 23, also
                        // kept apart as prior_payer_amount); a crossover's later payer restates the patient's share on
                        // the same claim (checked per visit)
                        "SELECT p.claim_id || ' #' || p.id, p.claim_status_code || ' charge ' || p.charge_amount"
                                + " || ' paid ' || p.paid_amount || ' patient ' || p.patient_responsibility || ' adjusted '"
                                + " || p.adjusted_amount || ' denied ' || p.denied_amount || ' prior payer '"
                                + " || p.prior_payer_amount FROM claim_payment p WHERE p.charge_amount <> p.paid_amount"
                                + " + p.patient_responsibility + p.adjusted_amount + p.denied_amount"
                                + " AND " + VisitInvariants.FIRST_PAYER_ROW))
                .as("every posting balances")
                .isEmpty();

        assumeTrue(pipeline.runs(Pipeline.PATIENT_BILLING), "needs patient-billing-service");
        // a claim replaced or voided by a later claim of its visit leaves the patient ledger when the later claim is
        // submitted, and its payment may reach the ledger before that (posted, then taken off by CLAIM_VOID) or after
        // (only the payer's cash posts, as insurance credit; nothing when it paid nothing): which one is a race
        // between two topics. Either way such a claim nets to the payer's cash and no patient share, so it is
        // compared by that net; the current claims entry by entry.
        // per replaced claim: what its payer paid in claim-service, and no patient share
        Map<String, String> replacedExpected = rows(
                Pipeline.CLAIM,
                "SELECT c.claim_id, coalesce(sum(p.paid_amount), 0.00) || ' 0.00' FROM claim c"
                        + " LEFT JOIN claim_payment p ON p.claim_id = c.claim_id WHERE NOT c.is_current"
                        + " AND c.encounter_id LIKE '" + PREFIX + "%' AND c.encounter_id" + singlePayer
                        + " GROUP BY c.claim_id");
        List<String> replaced = List.copyOf(replacedExpected.keySet());
        Map<String, String> ledger = rows(
                Pipeline.PATIENT_BILLING,
                "SELECT e.claim_id,"
                        + " count(DISTINCT e.id) || ' ' || coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'INSURANCE_CASH'), 0.00)"
                        + " || ' ' || coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'PATIENT_RECEIVABLE'), 0.00)"
                        + " FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id"
                        + " JOIN claim k ON k.claim_id = e.claim_id AND k.tenant_id = e.tenant_id"
                        + " WHERE e.kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL') AND k.encounter_id LIKE '" + PREFIX
                        + "%' AND k.encounter_id" + singlePayer + " AND e.claim_id" + VisitInvariants.notIn(replaced)
                        + " GROUP BY e.claim_id");
        Map<String, String> current = new TreeMap<>(posted);
        current.keySet().removeAll(replaced);
        assertThat(differences(current, ledger))
                .as("the patient ledger posted each remittance of a current claim once, to the cent"
                        + " (claim: claim-service count paid patient -> ledger)")
                .isEmpty();
        Map<String, String> replacedNet = rows(
                Pipeline.PATIENT_BILLING,
                "SELECT e.claim_id, coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'INSURANCE_CASH'), 0.00)"
                        + " || ' ' || coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'PATIENT_RECEIVABLE'),"
                        + " 0.00) FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id WHERE e.claim_id"
                        + VisitInvariants.in(replaced) + " GROUP BY e.claim_id");
        // a replaced claim with nothing on the ledger (its payment paid nothing, after its replacement) nets to zero
        Map<String, String> replacedActual = new TreeMap<>();
        replaced.forEach(claim -> replacedActual.put(claim, replacedNet.getOrDefault(claim, "0.00 0.00")));
        assertThat(differences(replacedExpected, replacedActual))
                .as("a replaced claim keeps exactly its payer's cash and leaves the patient nothing, whichever of its"
                        + " payment and its replacement reached the ledger first (claim: paid patient -> ledger)")
                .isEmpty();
        assertThat(count(
                        Pipeline.PATIENT_BILLING,
                        "SELECT count(*) FROM (SELECT e.claim_id FROM journal_entry e"
                                + " JOIN journal_line l ON l.entry_id = e.id WHERE l.ledger_account = 'INSURANCE_RECEIVABLE'"
                                + " AND e.kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL') GROUP BY e.claim_id"
                                + " HAVING sum(l.amount) <> 0) open"))
                .as("insurance receivable settled to zero for every remitted claim")
                .isZero();
    }

    @Test
    @Order(4)
    void totalsReconcileToTheCentInEveryService() {
        assumeTrue(
                pipeline.runs(Pipeline.CODING) && pipeline.runs(Pipeline.CLAIM) && pipeline.runs(Pipeline.GATEWAY),
                "needs coding, claims and the gateway");
        assertThat(quiet.outboxBacklog()).as("every outbox drained").isZero();
        PipelineSnapshot.Money claims = quiet.claimMoney();
        assertThat(claims.charges()).isPositive();
        assertThat(claims.reconciles()).as("claim-service: %s", claims).isTrue();
        assertThat(quiet.gatewayMoney().payerPaid()).isEqualByComparingTo(claims.payerPaid());
        assertThat(quiet.gatewayMoney().charges()).isEqualByComparingTo(claims.charges());
        assertThat(quiet.gatewayMoney().patientResponsibility()).isEqualByComparingTo(claims.patientResponsibility());
        assumeTrue(pipeline.runs(Pipeline.PATIENT_BILLING), "needs patient-billing-service");
        PipelineSnapshot.Money ledger = quiet.ledgerMoney();
        assertThat(ledger.reconciles()).as("patient ledger: %s", ledger).isTrue();
        assertThat(ledger.payerPaid()).isEqualByComparingTo(claims.payerPaid());
        // a replaced claim's charges and patient share leave the ledger when its replacement is submitted (the
        // payer's cash stays, as insurance credit), while claim-service keeps them on the replaced claim until the
        // payer reverses it: charges and patient share agree per visit (VisitInvariants), not in these totals
    }

    @Test
    @Order(5)
    void aStatementRunBillsPatientsWhatTheyOwe() throws Exception {
        assumeTrue(pipeline.runs(Pipeline.PATIENT_BILLING), "needs patient-billing-service");
        HttpResponse<String> run = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(pipeline.instance(Pipeline.PATIENT_BILLING)
                                                .url() + "/statement-runs"))
                                .header("Authorization", basic("patient-accounts"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"tenantId\": \"riverside-fm\", \"asOf\": \"" + LocalDate.now() + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isBetween(200, 201);
        long statements = count(
                Pipeline.PATIENT_BILLING,
                "SELECT count(DISTINCT s.id) FROM statement s"
                        + " JOIN statement_line l ON l.statement_id = s.id WHERE l.encounter_id LIKE '" + PREFIX
                        + "%'");
        assertThat(statements).as("statements issued").isPositive();
        // a statement's amount due is the patient's balance: patient receivable plus credit, to the cent
        assertThat(count(
                        Pipeline.PATIENT_BILLING,
                        "SELECT count(*) FROM statement s WHERE s.balance <>"
                                + " (SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id"
                                + "  WHERE e.account_id = s.account_id AND l.ledger_account IN ('PATIENT_RECEIVABLE', 'PATIENT_CREDIT')"
                                + "  AND e.posted_at <= s.created_at)"))
                .as("statements equal the ledger balance")
                .isZero();
    }

    @Test
    @Order(6)
    void nothingWasDeadLettered() throws Exception {
        Map<String, Long> deadLetters =
                DeadLetterCounts.read(Infrastructure.get().kafkaBootstrapServers());
        LOG.info("dead letters per topic: {}", deadLetters);
        assertThat(deadLetters).as("dead-letter topics exist").isNotEmpty();
        assertThat(deadLetters.values().stream().mapToLong(Long::longValue).sum())
                .as("dead letters %s", deadLetters)
                .isZero();
    }

    @Test
    @Order(7)
    void eachVisitChargesThePatientOnceCountingReplacedClaims() throws Exception {
        assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
        assertThat(visits().patientCharge())
                .as("visits whose patient ledger, over all their claims, differs from"
                        + " what claim-service posted to the current claim (encounter: current claim -> ledger)")
                .isEmpty();
    }

    @Test
    @Order(8)
    void everyReleasedClaimReachedThePayer() throws Exception {
        assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
        assertThat(visits().notSent())
                .as("claims released (ClaimSubmitted) more often than the payer's 999"
                        + " answered an interchange carrying them")
                .isEmpty();
    }

    @Test
    @Order(9)
    void everyOpenBalanceHasAWorkItem() throws Exception {
        assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
        assertThat(visits().openWithoutWork())
                .as("current claims with an open balance and no open work item")
                .isEmpty();
    }

    @Test
    @Order(10)
    void everyVisitWithTwoPayersBillsTheNextPayerAndReconcilesPerVisit() throws Exception {
        assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
        List<String> laterPayer = laterPayerVisits();
        LOG.info("visits answered by more than one payer: {}", laterPayer.size());
        assertThat(laterPayer)
                .as("the workload gives patients a secondary payer: some visits are answered by two payers")
                .isNotEmpty();
        assertThat(count(
                        Pipeline.CLAIM,
                        "SELECT count(*) FROM claim_status_history h JOIN claim c ON c.claim_id = h.claim_id"
                                + " WHERE c.payer_sequence > 1 AND h.to_status = 'SUBMITTED' AND c.encounter_id LIKE '"
                                + PREFIX + "%'"))
                .as("secondary claims built from the primary's 835 and released to the secondary payer")
                .isPositive();
        assertThat(visits().payerPaid())
                .as("visits whose payers' payments differ between the gateway, claim-service and the ledger")
                .isEmpty();
        // the patient's share waits for the last payer: nothing is pending with another insurance once every payer
        // answered, and what the patient owes per visit agrees with claim-service (patientCharge, eachVisit...)
        assertThat(rows(
                        Pipeline.PATIENT_BILLING,
                        "SELECT k.encounter_id, sum(l.amount)::text FROM journal_entry e JOIN journal_line l"
                                + " ON l.entry_id = e.id JOIN claim k ON k.claim_id = e.claim_id AND k.tenant_id ="
                                + " e.tenant_id WHERE l.ledger_account = 'OTHER_INSURANCE_RECEIVABLE' AND k.encounter_id"
                                + " LIKE '" + PREFIX + "%' AND k.encounter_id" + VisitInvariants.in(laterPayer)
                                + " GROUP BY k.encounter_id HAVING sum(l.amount) <> 0"))
                .as("visits whose patient share is still pending with another payer after every payer answered")
                .isEmpty();
    }

    private static List<String> laterPayerVisits;

    private static synchronized List<String> laterPayerVisits() throws SQLException {
        if (laterPayerVisits == null) {
            PipelineSnapshot.Databases databases = pipeline.databases();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                    databases.url("claimflow_claim"), databases.username(), databases.password())) {
                laterPayerVisits = VisitInvariants.laterPayerVisits(c, PREFIX + "%");
            }
        }
        return laterPayerVisits;
    }

    private static VisitInvariants.Violations visits;

    private static synchronized VisitInvariants.Violations visits() throws Exception {
        if (visits == null) {
            visits = VisitInvariants.check(pipeline.databases(), PREFIX);
        }
        return visits;
    }

    private static Map<String, String> differences(Map<String, String> expected, Map<String, String> actual) {
        Map<String, String> differences = new TreeMap<>();
        Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(expected.get(key), actual.get(key))) {
                differences.put(key, expected.get(key) + " -> " + actual.get(key));
            }
        }
        return differences;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8));
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

    private static long count(Pipeline.Service service, String sql) throws SQLException {
        try (Connection c = connect(service);
                Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(Pipeline.Service service) throws SQLException {
        PipelineSnapshot.Databases databases = pipeline.databases();
        Connection connection = DriverManager.getConnection(
                databases.url(service.database()), databases.username(), databases.password());
        connection.setReadOnly(true);
        return connection;
    }
}
