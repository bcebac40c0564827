package io.claimflow.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL does per encounter, per service (issue 22; a command, not part of the suite: it runs only with
 * {@code -Dbenchmark=true}). Counts, not timings: every service in this JVM as in {@link EndToEndPipelineTest}
 * (ops-console's read model writer included), {@code benchmark.encounters} encounters (200) of the happy path
 * (documented, coded, submitted, paid, posted on the ledger: the workload's kinds that need no coder and are not
 * denied by design; {@code -Dbenchmark.mix=all} for the workload's whole mix) published at once after
 * {@code benchmark.warmup} (20) not counted; then per service database:
 * <ul>
 *   <li>transactions (commits and rollbacks, {@code pg_stat_database}), statements and rows written per encounter;
 *   <li>the statements by server time (execution and planning) per encounter, with their calls and rows
 *       ({@code pg_stat_statements}, when the server preloads it:
 *       {@code -Dclaimflow.test.postgres.stat-statements=true}, embedded PostgreSQL only);
 *   <li>the same per second of an idle pipeline (pollers, relays), measured over {@code benchmark.idle-seconds} (10)
 *       before the run, and the run's figures net of it;
 *   <li>indexes no statement of the run or of the services' start-up scanned ({@code pg_stat_user_indexes}).
 * </ul>
 * Prints the report and writes {@code e2e/target/benchmark/postgres-work.md}.
 */
@ClaimFlowInfrastructure
class PostgresWorkBenchmark {

    private static final int ENCOUNTERS = Integer.getInteger("benchmark.encounters", 200);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 20);
    private static final int IDLE_SECONDS = Integer.getInteger("benchmark.idle-seconds", 10);
    private static final boolean WHOLE_MIX = "all".equals(System.getProperty("benchmark.mix", "happy"));
    private static final int TOP = Integer.getInteger("benchmark.top", 12);

    /** Database and the service that owns it, in the pipeline's order. */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(Pipeline.CODING.database(), "coding-service");
        SERVICES.put(Pipeline.CLAIM.database(), "claim-service");
        SERVICES.put(Pipeline.GATEWAY.database(), "adjudication-gateway");
        SERVICES.put(Pipeline.PATIENT_BILLING.database(), "patient-billing");
        SERVICES.put(Pipeline.CONSOLE.database(), "ops-console");
    }

    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "ROLLBACK");

    @Test
    void perEncounter() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "a command: -Dbenchmark=true");
        Infrastructure infrastructure = Infrastructure.get();
        Clock clock = Clock.systemUTC();
        Population population = Population.generate(2028, 400, LocalDate.now(clock));
        StringBuilder report = new StringBuilder();
        try (Pipeline pipeline = Pipeline.start(infrastructure, population.payerSimulatorProperties())) {
            pipeline.startConsole();
            assumeTrue(pipeline.missing().isEmpty(), "needs every service; missing " + pipeline.missing());
            try (Connection admin = DriverManager.getConnection(
                    infrastructure.jdbcUrl("postgres"), infrastructure.username(), infrastructure.password())) {
                boolean statements = statStatements(admin);
                run(pipeline, infrastructure, population, clock, "pgwarm", WARMUP);

                Counters idleFrom = Counters.read(admin, statements, infrastructure.applicationUsername());
                Thread.sleep(IDLE_SECONDS * 1000L);
                Counters idleTo = Counters.read(admin, statements, infrastructure.applicationUsername());

                Counters from = Counters.read(admin, statements, infrastructure.applicationUsername());
                run(pipeline, infrastructure, population, clock, "pgwork", ENCOUNTERS);
                // a backend publishes its database statistics when idle (at most once a second; after 10 s idle
                // for one that stays idle): wait for the last ones
                Thread.sleep(11_000);
                Counters to = Counters.read(admin, statements, infrastructure.applicationUsername());

                report.append(render(idleFrom, idleTo, from, to, statements));
                report.append(unusedIndexes(infrastructure));
            }
        }
        System.out.println(report);
        Path dir = Path.of("target", "benchmark");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("postgres-work.md"), report);
    }

    private static void run(
            Pipeline pipeline, Infrastructure infrastructure, Population population, Clock clock, String run, int count)
            throws Exception {
        if (count <= 0) {
            return;
        }
        Map<WorkloadGenerator.Kind, Integer> weights = WorkloadGenerator.defaultWeights();
        if (!WHOLE_MIX) {
            weights = new EnumMap<>(weights);
            for (WorkloadGenerator.Kind off : List.of(
                    WorkloadGenerator.Kind.LAB_DIAGNOSIS_MISMATCH,
                    WorkloadGenerator.Kind.DRUG_WITHOUT_NDC,
                    WorkloadGenerator.Kind.NEEDS_CODER)) {
                weights.put(off, 0);
            }
        }
        WorkloadGenerator generator = new WorkloadGenerator(2028, population, clock, run, weights);
        try (WorkloadPublisher publisher =
                new WorkloadPublisher(infrastructure.kafkaBootstrapServers(), infrastructure.schemaRegistryUrl())) {
            publisher.publish(generator, count, 0, g -> {});
        }
        PipelineSnapshot.Databases databases = pipeline.databases();
        // quiet only once coding-service has every encounter (a loaded machine may pause longer than the window
        // before the first one arrives) and nothing has changed for 8 s since
        Object quiet = Pipeline.awaitQuiet(
                () -> {
                    PipelineSnapshot now = PipelineSnapshot.read(databases, "enc-" + run + "-");
                    return now.documented() < count || now.outboxBacklog() > 0 ? (Object) System.nanoTime() : now;
                },
                Duration.ofSeconds(8),
                Duration.ofMinutes(10));
        if (!(quiet instanceof PipelineSnapshot snapshot)) {
            throw new IllegalStateException("run " + run + " did not finish within 10 minutes");
        }
        System.out.println("run " + run + " quiet:\n" + snapshot.render());
    }

    private static boolean statStatements(Connection admin) {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            System.out.println("pg_stat_statements is not loaded (-Dclaimflow.test.postgres.stat-statements=true):"
                    + " transactions and rows only (" + e.getMessage() + ")");
            return false;
        }
    }

    /** One database's transactions and rows written ({@code pg_stat_database}). */
    record Database(long commits, long rollbacks, long inserted, long updated, long deleted) {

        long written() {
            return inserted + updated + deleted;
        }
    }

    /**
     * One statement's calls, rows and time in the server (execution plus planning, ms), from
     * {@code pg_stat_statements}, summed over the users that ran it.
     */
    record Query(String database, String text, long calls, long rows, double millis, double planMillis) {}

    /** Counters at one moment. */
    record Counters(long at, Map<String, Database> databases, Map<String, Query> queries, Map<String, Long> others) {

        /**
         * Counters now; {@code others}: per database the statements of logins other than {@code appRole} (this
         * benchmark's reads, each its own transaction), taken off the database's transactions.
         */
        static Counters read(Connection admin, boolean statements, String appRole) throws SQLException {
            long at = System.nanoTime();
            Map<String, Database> databases = new LinkedHashMap<>();
            Map<String, Query> queries = new LinkedHashMap<>();
            Map<String, Long> others = new LinkedHashMap<>();
            try (Statement statement = admin.createStatement()) {
                statement.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = statement.executeQuery("SELECT datname, xact_commit, xact_rollback, tup_inserted,"
                        + " tup_updated, tup_deleted FROM pg_stat_database WHERE datname IS NOT NULL")) {
                    while (rs.next()) {
                        if (SERVICES.containsKey(rs.getString(1))) {
                            databases.put(
                                    rs.getString(1),
                                    new Database(
                                            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
                        }
                    }
                }
                if (statements) {
                    // the services' statements (their login); the benchmark's own reads (the owner's login) apart
                    try (ResultSet rs = statement.executeQuery("SELECT d.datname, s.queryid, min(s.query),"
                            + " sum(s.calls), sum(s.rows), r.rolname = '" + appRole + "',"
                            + " sum(s.total_exec_time + s.total_plan_time), sum(s.total_plan_time) FROM pg_stat_statements s"
                            + " JOIN pg_database d ON d.oid = s.dbid JOIN pg_roles r ON r.oid = s.userid"
                            + " GROUP BY d.datname, s.queryid, r.rolname = '" + appRole + "'")) {
                        while (rs.next()) {
                            if (SERVICES.containsKey(rs.getString(1))) {
                                String db = rs.getString(1);
                                if (rs.getBoolean(6)) {
                                    queries.put(
                                            db + " " + rs.getLong(2),
                                            new Query(
                                                    db,
                                                    oneLine(rs.getString(3)),
                                                    rs.getLong(4),
                                                    rs.getLong(5),
                                                    rs.getDouble(7),
                                                    rs.getDouble(8)));
                                } else {
                                    others.merge(db, rs.getLong(4), Long::sum);
                                }
                            }
                        }
                    }
                }
            }
            return new Counters(at, databases, queries, others);
        }
    }

    private static String render(Counters idleFrom, Counters idleTo, Counters from, Counters to, boolean statements) {
        double idleSeconds = (idleTo.at() - idleFrom.at()) / 1e9;
        double runSeconds = (to.at() - from.at()) / 1e9;
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "# PostgreSQL work per encounter%n%n%d encounters (%s), %.1f s from the first publish to the last"
                        + " counter read; idle rates over %.1f s before the run. \"net\" = the run less the idle rate"
                        + " over the run's time.%n%n",
                ENCOUNTERS,
                WHOLE_MIX ? "the workload's whole mix" : "happy path: no coder, no denial by design",
                runSeconds,
                idleSeconds));
        md.append("| service | transactions / enc (net) | statements / enc (net) | rows written / enc (net) |"
                + " statement time ms / enc | idle transactions / s | idle statements / s |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        double[] total = new double[7];
        for (var service : SERVICES.entrySet()) {
            String db = service.getKey();
            Database d0 = from.databases().getOrDefault(db, new Database(0, 0, 0, 0, 0));
            Database d1 = to.databases().getOrDefault(db, d0);
            Database i0 = idleFrom.databases().getOrDefault(db, d0);
            Database i1 = idleTo.databases().getOrDefault(db, i0);
            double tx = d1.commits() + d1.rollbacks() - d0.commits() - d0.rollbacks() - others(from, to, db);
            double idleTx =
                    (i1.commits() + i1.rollbacks() - i0.commits() - i0.rollbacks() - others(idleFrom, idleTo, db))
                            / idleSeconds;
            double written = d1.written() - d0.written();
            double idleWritten = (i1.written() - i0.written()) / idleSeconds;
            double calls = statements ? calls(from, to, db) : Double.NaN;
            double idleCalls = statements ? calls(idleFrom, idleTo, db) / idleSeconds : Double.NaN;
            double[] row = {
                tx / ENCOUNTERS,
                (tx - idleTx * runSeconds) / ENCOUNTERS,
                calls / ENCOUNTERS,
                (calls - idleCalls * runSeconds) / ENCOUNTERS,
                written / ENCOUNTERS,
                (written - idleWritten * runSeconds) / ENCOUNTERS,
                statements ? millis(from, to, db) / ENCOUNTERS : Double.NaN
            };
            for (int i = 0; i < row.length; i++) {
                total[i] += row[i];
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.3f | %.1f | %.1f |%n",
                    service.getValue(),
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                    idleTx,
                    idleCalls));
        }
        md.append(String.format(
                Locale.ROOT,
                "| all | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | %.3f | | |%n",
                total[0],
                total[1],
                total[2],
                total[3],
                total[4],
                total[5],
                total[6]));
        if (!statements) {
            return md.toString();
        }
        for (var service : SERVICES.entrySet()) {
            String db = service.getKey();
            md.append("\n## ")
                    .append(service.getValue())
                    .append(": statements by server time per encounter (net of idle calls)\n\n")
                    .append("| ms / enc (of it planning) | calls / enc | rows / enc | idle calls / s | statement |\n"
                            + "| ---: | ---: | ---: | ---: | --- |\n");
            List<String[]> rows = new ArrayList<>();
            List<Double> order = new ArrayList<>();
            to.queries().forEach((key, q1) -> {
                if (!q1.database().equals(db)) {
                    return;
                }
                Query q0 = from.queries().getOrDefault(key, new Query(db, q1.text(), 0, 0, 0, 0));
                Query i1 = idleTo.queries().get(key);
                Query i0 = idleFrom.queries().get(key);
                double idle = i1 == null ? 0 : (i1.calls() - (i0 == null ? 0 : i0.calls())) / idleSeconds;
                double calls = (q1.calls() - q0.calls() - idle * runSeconds) / ENCOUNTERS;
                double rowsPer = (double) (q1.rows() - q0.rows()) / ENCOUNTERS;
                if (q1.calls() - q0.calls() == 0) {
                    return;
                }
                // the run's time less the idle calls' share of it (an idle call costs as much as a busy one)
                long runCalls = q1.calls() - q0.calls();
                double share = Math.max(0, calls * ENCOUNTERS) / runCalls / ENCOUNTERS;
                double millis = (q1.millis() - q0.millis()) * share;
                double planMillis = (q1.planMillis() - q0.planMillis()) * share;
                order.add(millis);
                rows.add(new String[] {
                    String.format(Locale.ROOT, "%.3f (%.3f)", millis, planMillis),
                    String.format(Locale.ROOT, "%.2f", calls),
                    String.format(Locale.ROOT, "%.2f", rowsPer),
                    String.format(Locale.ROOT, "%.1f", idle),
                    abbreviate(q1.text(), 160)
                });
            });
            List<Integer> index = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                index.add(i);
            }
            index.sort(Comparator.comparing((Integer i) -> -order.get(i)));
            for (int i : index.subList(0, Math.min(TOP, index.size()))) {
                String[] r = rows.get(i);
                md.append("| ")
                        .append(r[0])
                        .append(" | ")
                        .append(r[1])
                        .append(" | ")
                        .append(r[2])
                        .append(" | ")
                        .append(r[3])
                        .append(" | `")
                        .append(r[4].replace("|", "\\|").replace("`", "'"))
                        .append("` |\n");
            }
        }
        return md.toString();
    }

    private static long others(Counters from, Counters to, String db) {
        return to.others().getOrDefault(db, 0L) - from.others().getOrDefault(db, 0L);
    }

    // statements of db between two reads, transaction control (BEGIN, COMMIT, ROLLBACK) left out
    // the statements' server time (execution and planning, ms) over the run, idle calls included
    private static double millis(Counters from, Counters to, String db) {
        double millis = 0;
        for (var entry : to.queries().entrySet()) {
            Query q1 = entry.getValue();
            if (q1.database().equals(db)) {
                Query q0 = from.queries().get(entry.getKey());
                millis += q1.millis() - (q0 == null ? 0 : q0.millis());
            }
        }
        return millis;
    }

    private static double calls(Counters from, Counters to, String db) {
        long calls = 0;
        for (var entry : to.queries().entrySet()) {
            Query q1 = entry.getValue();
            if (!q1.database().equals(db)
                    || TRANSACTION_CONTROL.contains(q1.text().toUpperCase(Locale.ROOT))) {
                continue;
            }
            Query q0 = from.queries().get(entry.getKey());
            calls += q1.calls() - (q0 == null ? 0 : q0.calls());
        }
        return calls;
    }

    // indexes that nothing scanned since the server started (start-up, warm-up and run), primary keys and unique
    // indexes apart (they enforce a rule whatever reads them)
    private static String unusedIndexes(Infrastructure infrastructure) throws SQLException {
        StringBuilder md = new StringBuilder(
                "\n## Indexes never scanned (not unique, not a primary key), with the rows their table took\n\n"
                        + "| service | index | table rows inserted |\n| --- | --- | ---: |\n");
        for (var service : SERVICES.entrySet()) {
            try (Connection c = DriverManager.getConnection(
                            infrastructure.jdbcUrl(service.getKey()),
                            infrastructure.username(),
                            infrastructure.password());
                    Statement statement = c.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT s.schemaname || '.' || s.indexrelname,"
                            + " t.n_tup_ins FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid"
                            + " JOIN pg_stat_user_tables t ON t.relid = s.relid"
                            + " WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary"
                            + " ORDER BY t.n_tup_ins DESC, 1")) {
                while (rs.next()) {
                    md.append(String.format(
                            Locale.ROOT, "| %s | %s | %d |%n", service.getValue(), rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return md.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
