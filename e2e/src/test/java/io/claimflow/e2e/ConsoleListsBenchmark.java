package io.claimflow.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's list and KPI pages with {@code benchmark.claims} claims (default 100,000): a measurement, not a
 * test (issue 21, item 8 and "Done when"). It runs only with {@code -Dbenchmark=true}, never in the build.
 *
 * <p>It starts the services and the console ({@link Pipeline}), then fills what the pages read ({@link ConsoleVolume}:
 * the read model, claim-service's claims and work, patient-billing's accounts). Then it logs in with the console's form, as a biller (and patient-accounts for the patient pages), and asks each
 * page {@code benchmark.requests} times (after {@code benchmark.warmup} requests not counted), printing p50, p95 and
 * the slowest per page, and writes them to {@code e2e/target/benchmark/console-lists.md}. Command and figures:
 * docs/benchmark/console-lists.md.
 */
@ClaimFlowInfrastructure
class ConsoleListsBenchmark {

    private static final int CLAIMS = Integer.getInteger("benchmark.claims", 100_000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 15);
    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 3);
    /** A page slower than this many seconds over its requests is asked fewer times (at least 3). */
    private static final int BUDGET_SECONDS = Integer.getInteger("benchmark.page-budget-seconds", 60);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * One page asked: a name for the report, the user, the path with its query; {@code post} for a form's action
     * (posted with the session's CSRF token, answered by a redirect).
     */
    record Page(String name, String user, String path, boolean post) {

        Page(String name, String user, String path) {
            this(name, user, path, false);
        }
    }

    /** Times of one page, in milliseconds, and where its requests' time went ({@link SplitProbe.Split}). */
    record Timing(Page page, int status, int requests, double p50, double p95, double max, SplitProbe.Split split) {}

    @Test
    void listAndKpiPages() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "a command: -Dbenchmark=true");
        Infrastructure infrastructure = Infrastructure.get();
        try (Pipeline pipeline = Pipeline.start(infrastructure, Map.of())) {
            assumeTrue(
                    pipeline.runs(Pipeline.CLAIM) && pipeline.runs(Pipeline.PATIENT_BILLING),
                    "needs claim-service and patient-billing; missing " + pipeline.missing());
            assumeTrue(pipeline.startConsole(), "ops-console is not built");
            long filled = ConsoleVolume.fill(infrastructure, CLAIMS);

            String console = pipeline.instance(Pipeline.CONSOLE).url();
            LocalDate today = LocalDate.now();
            List<Page> pages = List.of(
                    new Page("claims, newest first", "biller", "/claims"),
                    new Page(
                            "claims, status PAID by date of service",
                            "biller",
                            "/claims?status=PAID&sort=-dateOfService"),
                    new Page(
                            "claims, payer and 6 months of service by charge",
                            "biller",
                            "/claims?payer=BKHP1&dosFrom=" + today.minusMonths(6) + "&dosTo=" + today + "&sort=charge"),
                    new Page("claims, by number", "biller", "/claims?number=clm-bm-0004242"),
                    new Page("claims, page 2,000", "biller", "/claims?page=2000"),
                    new Page("encounters, newest first", "biller", "/encounters"),
                    new Page("encounters, PAID", "biller", "/encounters?state=PAID"),
                    new Page(
                            "encounters, practice and dates by date of service",
                            "biller",
                            "/encounters?tenant=riverside-fm&dosFrom=" + today.minusMonths(3) + "&sort=-dateOfService"),
                    new Page("held claims", "biller", "/work/held"),
                    new Page("held claims, rule and payer", "biller", "/work/held?rule=TIMELY-FILING&sort=-charge"),
                    new Page("denials", "biller", "/work/denials"),
                    new Page("follow-up, page 1", "biller", "/work/follow-up"),
                    new Page("follow-up, page 201 (items 5,001 to 5,025)", "biller", "/work/follow-up?page=200"),
                    new Page(
                            "follow-up, timely filing passed of a payer",
                            "biller",
                            "/work/follow-up?reason=TIMELY_FILING_DEADLINE_PASSED&payer=BKHP1"),
                    // each take-next assigns the biller one more item: "mine" below then has them
                    new Page("follow-up, take the next item", "biller", "/work/follow-up/take-next", true),
                    new Page("follow-up, mine", "biller", "/work/follow-up?mine=true"),
                    new Page(
                            "denials, queue, payer and CARC",
                            "biller",
                            "/work/denials?queue=DENIAL&payer=AETNA1&carc=16"),
                    new Page("remittances", "biller", "/remittances"),
                    new Page("patients of a practice", "patient-accounts", "/patients?tenantId=riverside-fm"),
                    new Page(
                            "patients, by name sorted by name",
                            "patient-accounts",
                            "/patients?tenantId=riverside-fm&name=gar&sort=name"),
                    new Page("KPIs, default period", "biller", "/kpis"),
                    new Page("KPIs, a whole year", "biller", "/kpis?from=" + today.minusYears(1) + "&to=" + today));

            Map<String, String> servers = new LinkedHashMap<>();
            servers.put("console", console);
            servers.put("claim", pipeline.instance(Pipeline.CLAIM).url());
            servers.put("billing", pipeline.instance(Pipeline.PATIENT_BILLING).url());
            if (pipeline.runs(Pipeline.GATEWAY)) {
                servers.put("gateway", pipeline.instance(Pipeline.GATEWAY).url());
            }
            SplitProbe probe = new SplitProbe(infrastructure, servers);
            idle = probe.idle();
            Map<String, HttpClient> sessions =
                    Map.of("biller", login(console, "biller"), "patient-accounts", login(console, "patient-accounts"));
            Path out = Path.of("target", "benchmark", "console-lists.md");
            Files.createDirectories(out.getParent());
            List<Timing> timings = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Page page : pages) {
                try {
                    Timing timing = measure(sessions.get(page.user()), console, page, probe);
                    timings.add(timing);
                    // each page as it is measured, so that a slow page does not hide the others
                    System.out.print(row(timing));
                } catch (IllegalStateException notWorking) {
                    // a page that fails (a service call timed out on a loaded machine) does not cost the others
                    failed.add(notWorking.getMessage());
                    System.out.println(notWorking.getMessage());
                }
                Files.writeString(out, report(timings, filled) + notMeasured(failed));
            }
            System.out.println(report(timings, filled) + notMeasured(failed));
            if (!failed.isEmpty()) {
                throw new AssertionError("pages not measured as they work: " + failed);
            }
        }
    }

    private static String notMeasured(List<String> failed) {
        StringBuilder s = new StringBuilder();
        failed.forEach(f -> s.append(String.format("%nNot measured: %s%n", f)));
        return s.toString();
    }

    /** What the pipeline does per second while nothing is asked (its listeners, relays and pollers). */
    private static SplitProbe.Idle idle = new SplitProbe.Idle(0, 0, 0, 0);

    private static Timing measure(HttpClient session, String console, Page page, SplitProbe probe) throws Exception {
        HttpRequest request = page.post()
                ? HttpRequest.newBuilder(URI.create(console + page.path()))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "_csrf=" + URLEncoder.encode(csrf(session, console), StandardCharsets.UTF_8)))
                        .build()
                : HttpRequest.newBuilder(URI.create(console + page.path()))
                        .header("Accept", "text/html")
                        .build();
        int status = 0;
        for (int i = 0; i < WARMUP; i++) {
            status = session.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        SplitProbe.Snapshot before = probe.before();
        double[] taken = new double[REQUESTS];
        int n = 0;
        long budgetEnds = System.nanoTime() + BUDGET_SECONDS * 1_000_000_000L;
        while (n < REQUESTS && (n < 3 || System.nanoTime() < budgetEnds)) {
            long start = System.nanoTime();
            HttpResponse<String> response = session.send(request, HttpResponse.BodyHandlers.ofString());
            taken[n++] = (System.nanoTime() - start) / 1e6;
            status = response.statusCode();
            String body = response.body();
            if (page.post()) {
                // a form's action answers a redirect: take-next to the claim it gave the user
                String to = response.headers().firstValue("Location").orElse("");
                if (status != 302 || !to.contains("/work/claims/")) {
                    throw new IllegalStateException(page.path() + " answered " + status + " to " + to + " at request "
                            + n + ": the action is not measured as it works");
                }
                continue;
            }
            if (status != 200 || body.contains("answered 5") || body.contains("does not answer")) {
                throw new IllegalStateException(page.path() + " answered " + status
                        + (body.contains("does not answer") ? " saying a service does not answer" : "")
                        + (body.contains("answered 5") ? " with a service's 5xx" : "")
                        + " at request " + n + ": the page is not measured as it works");
            }
        }
        SplitProbe.Split split = probe.after().since(before, n, idle);
        double[] millis = Arrays.copyOf(taken, n);
        Arrays.sort(millis);
        return new Timing(
                page,
                status,
                n,
                millis[(int) Math.ceil(0.50 * n) - 1],
                millis[(int) Math.ceil(0.95 * n) - 1],
                millis[n - 1],
                split);
    }

    private static String report(List<Timing> timings, long filledMillis) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "Console list and KPI pages, %,d claims (filled in %,d ms), %d requests per page after %d warm-up, "
                        + "%d cores, load average at the end %.1f%n%n",
                CLAIMS,
                filledMillis,
                REQUESTS,
                WARMUP,
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()));
        s.append("| page | path | requests | p50 ms | p95 ms | max ms |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        timings.forEach(t -> s.append(row(t)));
        s.append(String.format(
                Locale.ROOT,
                "%nWhere a request's time went, means per request (SplitProbe): the console's handling time (its calls"
                        + " to the services included), the calls and the services' handling time, SQL transactions and"
                        + " rows read in the services' databases, CPU of this JVM (the console and every service) and of"
                        + " its PostgreSQL; as measured / net of what the pipeline does idle (per second: %.0f ms JVM CPU,"
                        + " %.0f ms PostgreSQL CPU, %.1f transactions, %,.0f rows):%n%n",
                idle.jvmCpuMillis(),
                idle.postgresCpuMillis(),
                idle.transactions(),
                idle.rows()));
        s.append("| page | console ms | service calls | in the services ms | SQL transactions | rows read"
                + " | JVM CPU ms | PostgreSQL CPU ms |\n| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        timings.forEach(t -> s.append(splitRow(t)));
        return s.toString();
    }

    private static String row(Timing t) {
        return String.format(
                Locale.ROOT,
                "| %s | `%s` | %d | %.0f | %.0f | %.0f |%n",
                t.page().name(),
                t.page().path(),
                t.requests(),
                t.p50(),
                t.p95(),
                t.max());
    }

    private static String splitRow(Timing t) {
        SplitProbe.Split x = t.split();
        return String.format(
                Locale.ROOT,
                "| %s | %.0f | %s | %.0f | %.1f / %.1f | %,.0f / %,.0f | %.0f / %.0f | %.0f / %.0f |%n",
                t.page().name(),
                x.consoleMillis(),
                x.calls(),
                x.serviceMillis(),
                x.transactions(),
                x.netTransactions(),
                x.rowsRead(),
                x.netRowsRead(),
                x.jvmCpuMillis(),
                x.netJvmCpuMillis(),
                x.postgresCpuMillis(),
                x.netPostgresCpuMillis());
    }

    /** Logs in with the console's form; the client keeps the session cookie. */
    /** The CSRF token of the session's forms (from the follow-up page). */
    private static String csrf(HttpClient session, String console) throws Exception {
        String page = session.send(
                        HttpRequest.newBuilder(URI.create(console + "/work/follow-up"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the follow-up page");
        }
        return csrf.group(1);
    }

    private static HttpClient login(String console, String user) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(console + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=" + user + "&password=demo-" + user + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> done = http.send(
                HttpRequest.newBuilder(URI.create(console + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (done.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login of " + user + " refused");
        }
        return http;
    }
}
