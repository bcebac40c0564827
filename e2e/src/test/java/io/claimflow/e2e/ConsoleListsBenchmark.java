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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>It starts the services and the console ({@link Pipeline}), then fills, with SQL in each service's own database,
 * what the pages read: the console's read model (encounters, claims, their submitted / paid / denied events), the
 * claims claim-service lists (claims, the held ones with their scrubber findings, the denied and rejected ones with
 * their work items) and patient-billing's patient accounts. The spread: four practices, eight payers, dates of
 * service over the past year, statuses as a practice has them (most paid, some denied, rejected, held, waiting).
 * Then it logs in with the console's form, as a biller (and patient-accounts for the patient pages), and asks each
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

    /** One page asked: a name for the report, the user, the path with its query. */
    record Page(String name, String user, String path) {}

    /** Times of one page, in milliseconds. */
    record Timing(Page page, int status, int requests, double p50, double p95, double max) {}

    @Test
    void listAndKpiPages() throws Exception {
        assumeTrue(Boolean.getBoolean("benchmark"), "a command: -Dbenchmark=true");
        Infrastructure infrastructure = Infrastructure.get();
        try (Pipeline pipeline = Pipeline.start(infrastructure, Map.of())) {
            assumeTrue(
                    pipeline.runs(Pipeline.CLAIM) && pipeline.runs(Pipeline.PATIENT_BILLING),
                    "needs claim-service and patient-billing; missing " + pipeline.missing());
            assumeTrue(pipeline.startConsole(), "ops-console is not built");
            long began = System.nanoTime();
            fill(infrastructure, Pipeline.CONSOLE.database(), consoleReadModel());
            fill(infrastructure, Pipeline.CLAIM.database(), claimService());
            fill(infrastructure, Pipeline.PATIENT_BILLING.database(), patientAccounts());
            long filled = (System.nanoTime() - began) / 1_000_000;

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

            Map<String, HttpClient> sessions =
                    Map.of("biller", login(console, "biller"), "patient-accounts", login(console, "patient-accounts"));
            Path out = Path.of("target", "benchmark", "console-lists.md");
            Files.createDirectories(out.getParent());
            List<Timing> timings = new ArrayList<>();
            for (Page page : pages) {
                Timing timing = measure(sessions.get(page.user()), console, page);
                timings.add(timing);
                // each page as it is measured, so that a slow page does not hide the others
                String line = row(timing);
                System.out.print(line);
                Files.writeString(out, report(timings, filled));
            }
            System.out.println(report(timings, filled));
        }
    }

    private static Timing measure(HttpClient session, String console, Page page) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(console + page.path()))
                .header("Accept", "text/html")
                .build();
        int status = 0;
        for (int i = 0; i < WARMUP; i++) {
            status = session.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        double[] taken = new double[REQUESTS];
        int n = 0;
        long budgetEnds = System.nanoTime() + BUDGET_SECONDS * 1_000_000_000L;
        while (n < REQUESTS && (n < 3 || System.nanoTime() < budgetEnds)) {
            long start = System.nanoTime();
            HttpResponse<String> response = session.send(request, HttpResponse.BodyHandlers.ofString());
            taken[n++] = (System.nanoTime() - start) / 1e6;
            status = response.statusCode();
            if (status != 200
                    || response.body().contains("answered 5")
                    || response.body().contains("does not answer")) {
                throw new IllegalStateException(
                        page.path() + " answered " + status + ": the page is not measured " + "as it works");
            }
        }
        double[] millis = Arrays.copyOf(taken, n);
        Arrays.sort(millis);
        return new Timing(
                page,
                status,
                n,
                millis[(int) Math.ceil(0.50 * n) - 1],
                millis[(int) Math.ceil(0.95 * n) - 1],
                millis[n - 1]);
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

    /** Logs in with the console's form; the client keeps the session cookie. */
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

    private static void fill(Infrastructure infrastructure, String database, List<String> statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl(database), infrastructure.username(), infrastructure.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql.replace("#N#", Integer.toString(CLAIMS)));
            }
        }
    }

    // ---- the spread, in SQL over generate_series(1, n) as i ----

    /** Four practices. */
    private static final String TENANT =
            "(ARRAY['riverside-fm','lakeside-peds','northgate-im','harbor-ortho'])[1 + i % 4]";

    /** Eight payers, the first ones more often (i*i spreads them unevenly). */
    private static final String PAYER_INDEX = "(1 + (i::bigint * i) % 8)";

    private static final String PAYER_ID =
            "(ARRAY['BKHP1','AETNA1','CIGNA1','UHC1','MCR-OH','MCD-OH','HUMANA1'," + "'ANTHEM1'])[" + PAYER_INDEX + "]";
    private static final String PAYER_NAME = "(ARRAY['Buckeye Health Plan','Aetna','Cigna','UnitedHealthcare',"
            + "'Medicare Ohio','Medicaid Ohio','Humana','Anthem'])[" + PAYER_INDEX + "]";

    /** Dates of service over the past year. */
    private static final String DOS = "(current_date - (i % 365))";

    /** claim-service's status: most paid, then waiting, denied, rejected, held and closed ones. */
    private static final String STATUS = "CASE WHEN i % 100 < 55 THEN 'PAID' WHEN i % 100 < 62 THEN 'PARTIALLY_PAID'"
            + " WHEN i % 100 < 72 THEN 'SUBMITTED' WHEN i % 100 < 77 THEN 'ACKNOWLEDGED' WHEN i % 100 < 85 THEN"
            + " 'DENIED' WHEN i % 100 < 88 THEN 'REJECTED' WHEN i % 100 < 91 THEN 'HELD' WHEN i % 100 < 93 THEN"
            + " 'APPEALED' WHEN i % 100 < 95 THEN 'WRITTEN_OFF' ELSE 'CLOSED' END";

    /** Charges from 45.00 to about 745.00. */
    private static final String CHARGE = "(45 + (i * 37) % 700)::numeric(12,2)";

    private static final String SERIES = " FROM generate_series(1, #N#) AS i";

    private static List<String> consoleReadModel() {
        return List.of(
                "INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_at, coding_version,"
                        + " first_paid_at) SELECT 'enc-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", " + DOS + ","
                        + " " + DOS + " + time '18:00' + interval '1 day', 1,"
                        + " CASE WHEN i % 100 < 62 THEN " + DOS + " + interval '25 days' END" + SERIES,
                "INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,"
                        + " frequency, coding_version, state, submitted_at, date_of_service, total_charge, paid_amount,"
                        + " patient_responsibility, contractual_adjustment, denial_count, front_end_rejected,"
                        + " last_denial_category, last_denial_carcs, first_answer_at, last_paid_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'), 'enc-bm-' || lpad(i::text, 7, '0'), " + TENANT
                        + ", 'BM' || lpad(i::text, 9, '0'), " + PAYER_ID + ", " + PAYER_NAME + ", 'ORIGINAL', 1,"
                        + " CASE WHEN i % 100 < 55 THEN 'PAID' WHEN i % 100 < 62 THEN 'PARTIALLY_PAID'"
                        + " WHEN i % 100 < 77 THEN 'SUBMITTED' WHEN i % 100 < 85 THEN 'DENIED'"
                        + " WHEN i % 100 < 88 THEN 'REJECTED' ELSE 'SUBMITTED' END,"
                        + " " + DOS + " + interval '2 days', " + DOS + ", " + CHARGE + ","
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.6, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN " + CHARGE + " - round(" + CHARGE + " * 0.6, 2) - round("
                        + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 BETWEEN 55 AND 61 OR i % 100 BETWEEN 77 AND 87 THEN 1 ELSE 0 END,"
                        + " i % 100 BETWEEN 85 AND 87,"
                        + " CASE WHEN i % 100 BETWEEN 77 AND 84 THEN 'MISSING_INFORMATION' END,"
                        + " CASE WHEN i % 100 BETWEEN 77 AND 84 THEN 'CO-16 M119' END,"
                        + " CASE WHEN i % 100 < 88 AND i % 100 >= 77 OR i % 100 < 62 THEN " + DOS
                        + " + interval '20 days' END,"
                        + " CASE WHEN i % 100 < 62 THEN " + DOS + " + interval '25 days' END" + SERIES,
                "INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,"
                        + " summary, coding_version, frequency, payer_id, charge_amount)"
                        + " SELECT 'bm-sub-' || i, 'claims.submitted', 'SUBMITTED', 'enc-bm-' || lpad(i::text, 7, '0'),"
                        + " 'clm-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", " + DOS + " + interval '2 days',"
                        + " 'Claim submitted', 1, 'ORIGINAL', " + PAYER_ID + ", " + CHARGE + SERIES,
                "INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,"
                        + " summary, payer_id, charge_amount, paid_amount, patient_responsibility,"
                        + " contractual_adjustment)"
                        + " SELECT 'bm-pay-' || i, 'payments.posted', 'PAYMENT_POSTED',"
                        + " 'enc-bm-' || lpad(i::text, 7, '0'), 'clm-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", "
                        + DOS + " + interval '25 days', 'Payment posted', " + PAYER_ID + ", " + CHARGE + ","
                        + " round(" + CHARGE + " * 0.6, 2), round(" + CHARGE + " * 0.1, 2), " + CHARGE + " - round("
                        + CHARGE + " * 0.6, 2) - round(" + CHARGE + " * 0.1, 2)" + SERIES + " WHERE i % 100 < 62",
                "INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,"
                        + " summary, denial_stage, denial_category, carcs, payer_id)"
                        + " SELECT 'bm-den-' || i, 'claims.denied', 'DENIED', 'enc-bm-' || lpad(i::text, 7, '0'),"
                        + " 'clm-bm-' || lpad(i::text, 7, '0'), " + TENANT + ", " + DOS + " + interval '20 days',"
                        + " 'Claim denied', CASE WHEN i % 100 >= 85 THEN 'FRONT_END_REJECTION' ELSE 'ADJUDICATED'"
                        + " END, 'MISSING_INFORMATION', 'CO-16 M119', " + PAYER_ID + SERIES
                        + " WHERE i % 100 BETWEEN 55 AND 61 OR i % 100 BETWEEN 77 AND 87",
                "ANALYZE");
    }

    private static List<String> claimService() {
        return List.of(
                "INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status, is_current,"
                        + " patient_control_number, date_of_service, place_of_service, patient_mrn, payer_id,"
                        + " payer_name, member_id, billing_npi, billing_has_address, total_charge, paid_amount,"
                        + " patient_responsibility, adjusted_amount, service_key, source_event_id,"
                        + " encounter_snapshot, created_at, submitted_at, updated_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'), 'enc-bm-' || lpad(i::text, 7, '0'), " + TENANT
                        + ", 1, 'ORIGINAL', " + STATUS + ", true, 'BM' || lpad(i::text, 9, '0'), " + DOS + ", '11',"
                        + " 'MRN' || lpad((i % 40000)::text, 6, '0'),"
                        + " CASE WHEN i % 100 = 89 THEN NULL ELSE " + PAYER_ID + " END,"
                        + " CASE WHEN i % 100 = 89 THEN NULL ELSE " + PAYER_NAME + " END,"
                        + " 'M' || i, '1847362914', true, " + CHARGE + ","
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.6, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN round(" + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " CASE WHEN i % 100 < 62 THEN " + CHARGE + " - round(" + CHARGE + " * 0.6, 2) - round("
                        + CHARGE + " * 0.1, 2) ELSE 0 END,"
                        + " 'bm-' || i, 'bm-coded-' || i, '{}', " + DOS + " + time '20:00' + interval '1 day',"
                        + " CASE WHEN i % 100 BETWEEN 88 AND 90 THEN NULL ELSE " + DOS + " + interval '2 days' END,"
                        + " " + DOS + " + interval '25 days'" + SERIES,
                "INSERT INTO claim_scrub_finding (claim_id, rule_id, message, found_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'),"
                        + " (ARRAY['SELF-PAY','FEE-SCHEDULE-MISSING','TIMELY-FILING'])[1 + i % 3],"
                        + " 'held by the scrubber', " + DOS + " + interval '1 day'" + SERIES
                        + " WHERE i % 100 BETWEEN 88 AND 90",
                "INSERT INTO work_item (claim_id, queue, category, reasons, created_at)"
                        + " SELECT 'clm-bm-' || lpad(i::text, 7, '0'),"
                        + " CASE WHEN i % 100 BETWEEN 85 AND 87 THEN 'REJECTION' WHEN i % 100 = 84 THEN 'APPEAL'"
                        + " ELSE 'DENIAL' END,"
                        + " CASE WHEN i % 100 = 84 THEN 'MEDICAL_NECESSITY' ELSE 'MISSING_INFORMATION' END,"
                        + " CASE WHEN i % 100 = 84 THEN 'CO-50: not medically necessary'"
                        + " ELSE 'CO-16 M119: NDC missing' END, " + DOS + " + interval '20 days'" + SERIES
                        + " WHERE i % 100 BETWEEN 77 AND 87",
                "ANALYZE");
    }

    private static List<String> patientAccounts() {
        return List.of(
                "INSERT INTO patient_account (tenant_id, patient_ref, guarantor_name, birth_date)"
                        + " SELECT " + TENANT + ", 'MRN' || lpad(i::text, 6, '0'),"
                        + " (ARRAY['Ana','Ben','Carla','Dev','Eli','Fatima','Gus','Hana','Ivan','June'])[1 + i % 10]"
                        + " || ' ' || (ARRAY['Garcia','Smith','Nguyen','Okafor','Miller','Kowalski','Haddad',"
                        + "'Johnson','Lee','Brown','Garner','Patel'])[1 + (i / 10) % 12],"
                        + " date '1940-01-01' + (i * 13) % 29000"
                        + " FROM generate_series(1, greatest(#N# * 2 / 5, 1)) AS i",
                "ANALYZE");
    }
}
