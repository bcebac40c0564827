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

    /** One page's means per request. */
    record Split(
            double consoleMillis,
            String calls,
            double serviceMillis,
            double transactions,
            double rowsRead,
            double jvmCpuMillis,
            double postgresCpuMillis) {}

    /** Counters at one moment. */
    record Snapshot(
            Map<String, double[]> timers, Map<String, long[]> databases, long jvmCpuNanos, long postgresCpuMillis) {

        Split since(Snapshot before, int requests) {
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
            return new Split(
                    console * 1000 / requests,
                    calls.length() == 0 ? "none" : calls.toString(),
                    services * 1000 / requests,
                    (double) transactions / requests,
                    (double) rows / requests,
                    (jvmCpuNanos - before.jvmCpuNanos()) / 1e6 / requests,
                    (double) (postgresCpuMillis - before.postgresCpuMillis()) / requests);
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
        Map<String, long[]> databases = databases();
        Map<String, double[]> timers = timers();
        return new Snapshot(timers, databases, jvmCpuNanos(), postgresCpuMillis());
    }

    /** Counters after a page's requests: CPU read first, right after them. */
    Snapshot after() throws Exception {
        long jvm = jvmCpuNanos();
        long postgres = postgresCpuMillis();
        settle();
        return new Snapshot(timers(), databases(), jvm, postgres);
    }

    /** CPU milliseconds per second of this JVM and of PostgreSQL over 5 seconds with nothing asked. */
    double[] idleCpuPerSecond() throws InterruptedException {
        long jvm = jvmCpuNanos();
        long postgres = postgresCpuMillis();
        long start = System.nanoTime();
        Thread.sleep(5000);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {(jvmCpuNanos() - jvm) / 1e6 / seconds, (postgresCpuMillis() - postgres) / seconds};
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
