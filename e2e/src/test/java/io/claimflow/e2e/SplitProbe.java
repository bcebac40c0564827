package io.claimflow.e2e;

import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.PostgresCpu;
import java.lang.management.ManagementFactory;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time of a benchmark page's requests went (issue 21: split the time per page before cutting it): the
 * console's and each service's own handling time (Micrometer's {@code http.server.requests}, read from
 * {@code /actuator/prometheus} as the admin), how many calls the console made to each service, how many SQL
 * transactions and rows PostgreSQL counted in the services' databases ({@code pg_stat_database}), and the CPU time of
 * this JVM (which runs the console and every service) and of its PostgreSQL processes. Figures a loaded machine
 * changes less than wall times.
 */
final class SplitProbe {

    /** The services' databases whose statements are counted. */
    private static final List<String> DATABASES =
            List.of("claimflow_console", "claimflow_claim", "claimflow_patient_billing", "claimflow_adjudication");

    private static final Pattern TIMER =
            Pattern.compile("^http_server_requests_seconds_(count|sum)\\{(.*)\\} ([0-9.Ee+-]+)$");
    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");

    /**
     * One page's means per request. CPU, transactions and rows include what the pipeline does meanwhile on its own
     * (listeners, relays, pollers); the {@code net} figures take off the rate measured while idle ({@link Idle}) over
     * the same time.
     */
    record Split(
            double consoleMillis,
            String calls,
            double serviceMillis,
            double transactions,
            double netTransactions,
            double rowsRead,
            double netRowsRead,
            double jvmCpuMillis,
            double netJvmCpuMillis,
            double postgresCpuMillis,
            double netPostgresCpuMillis) {}

    /** What the pipeline does per second with nothing asked. */
    record Idle(double jvmCpuMillis, double postgresCpuMillis, double transactions, double rows) {}

    /** Counters at one moment: CPU read at {@code cpuAt}, the databases' statistics at {@code statsAt} (nanoTime). */
    record Snapshot(
            Map<String, double[]> timers,
            Map<String, long[]> databases,
            long jvmCpuNanos,
            long postgresCpuMillis,
            long cpuAt,
            long statsAt) {

        Split since(Snapshot before, int requests, Idle idle) {
            double console = 0;
            double services = 0;
            StringJoiner calls = new StringJoiner(", ");
            Map<String, double[]> perServer = new LinkedHashMap<>();
            timers.forEach((key, now) -> {
                double[] then = before.timers().getOrDefault(key, new double[2]);
                String server = key.substring(0, key.indexOf(' '));
                perServer.computeIfAbsent(server, k -> new double[2]);
                perServer.get(server)[0] += now[0] - then[0];
                perServer.get(server)[1] += now[1] - then[1];
            });
            for (var entry : perServer.entrySet()) {
                if (entry.getKey().equals("console")) {
                    console += entry.getValue()[1];
                } else if (entry.getValue()[0] > 0) {
                    services += entry.getValue()[1];
                    calls.add(String.format(Locale.ROOT, "%s %.0f", entry.getKey(), entry.getValue()[0] / requests));
                }
            }
            long transactions = 0;
            long rows = 0;
            for (var entry : databases.entrySet()) {
                long[] then = before.databases().getOrDefault(entry.getKey(), new long[2]);
                transactions += entry.getValue()[0] - then[0];
                rows += entry.getValue()[1] - then[1];
            }
            double cpuSeconds = (cpuAt - before.cpuAt()) / 1e9;
            double statsSeconds = (statsAt - before.statsAt()) / 1e9;
            double jvm = (jvmCpuNanos - before.jvmCpuNanos()) / 1e6;
            double postgres = postgresCpuMillis - before.postgresCpuMillis();
            return new Split(
                    console * 1000 / requests,
                    calls.length() == 0 ? "none" : calls.toString(),
                    services * 1000 / requests,
                    (double) transactions / requests,
                    (transactions - idle.transactions() * statsSeconds) / requests,
                    (double) rows / requests,
                    (rows - idle.rows() * statsSeconds) / requests,
                    jvm / requests,
                    (jvm - idle.jvmCpuMillis() * cpuSeconds) / requests,
                    postgres / requests,
                    (postgres - idle.postgresCpuMillis() * cpuSeconds) / requests);
        }
    }

    private final Infrastructure infrastructure;
    private final Map<String, String> servers;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin =
            "Basic " + Base64.getEncoder().encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8));

    /** {@code servers}: a short name ({@code console} for the console) and its base URL. */
    SplitProbe(Infrastructure infrastructure, Map<String, String> servers) {
        this.infrastructure = infrastructure;
        this.servers = servers;
    }

    /** Counters before a page's requests: CPU read last, right before them. */
    Snapshot before() throws Exception {
        settle();
        long statsAt = System.nanoTime();
        Map<String, long[]> databases = databases();
        Map<String, double[]> timers = timers();
        return new Snapshot(timers, databases, jvmCpuNanos(), postgresCpuMillis(), System.nanoTime(), statsAt);
    }

    /** Counters after a page's requests: CPU read first, right after them. */
    Snapshot after() throws Exception {
        long cpuAt = System.nanoTime();
        long jvm = jvmCpuNanos();
        long postgres = postgresCpuMillis();
        settle();
        long statsAt = System.nanoTime();
        return new Snapshot(timers(), databases(), jvm, postgres, cpuAt, statsAt);
    }

    /** What the pipeline does per second over 10 seconds with nothing asked. */
    Idle idle() throws Exception {
        Snapshot before = before();
        Thread.sleep(10_000);
        Snapshot end = after();
        Split quiet = end.since(before, 1, new Idle(0, 0, 0, 0));
        double cpuSeconds = (end.cpuAt() - before.cpuAt()) / 1e9;
        double statsSeconds = (end.statsAt() - before.statsAt()) / 1e9;
        return new Idle(
                quiet.jvmCpuMillis() / cpuSeconds,
                quiet.postgresCpuMillis() / cpuSeconds,
                quiet.transactions() / statsSeconds,
                quiet.rowsRead() / statsSeconds);
    }

    // PostgreSQL publishes a backend's statistics when it has been idle for a moment (at most once a second)
    private static void settle() throws InterruptedException {
        Thread.sleep(1200);
    }

    private Map<String, double[]> timers() throws Exception {
        Map<String, double[]> timers = new LinkedHashMap<>();
        for (var server : servers.entrySet()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(server.getValue() + "/actuator/prometheus"))
                            .header("Authorization", admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(server.getKey() + " metrics answered " + response.statusCode());
            }
            for (String line : response.body().split("\n")) {
                Matcher timer = TIMER.matcher(line);
                if (!timer.matches()) {
                    continue;
                }
                Matcher uri = URI_LABEL.matcher(timer.group(2));
                String path = uri.find() ? uri.group(1) : "?";
                if (path.startsWith("/actuator")) {
                    continue;
                }
                double[] value = timers.computeIfAbsent(server.getKey() + " " + timer.group(2), k -> new double[2]);
                value[timer.group(1).equals("count") ? 0 : 1] += Double.parseDouble(timer.group(3));
            }
        }
        return timers;
    }

    private Map<String, long[]> databases() throws SQLException {
        Map<String, long[]> databases = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl("postgres"), infrastructure.username(), infrastructure.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = statement.executeQuery("SELECT datname, xact_commit + xact_rollback,"
                    + " tup_returned + tup_fetched FROM pg_stat_database WHERE datname IS NOT NULL")) {
                while (rs.next()) {
                    if (DATABASES.contains(rs.getString(1))) {
                        databases.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
        }
        return databases;
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    /** CPU of the embedded PostgreSQL server (postmaster and backends), in milliseconds. */
    private static long postgresCpuMillis() {
        return Math.round(PostgresCpu.seconds() * 1000);
    }
}
