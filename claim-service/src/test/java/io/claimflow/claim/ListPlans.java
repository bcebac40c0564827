package io.claimflow.claim;

import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.platform.jdbc.PageQuery;
import io.claimflow.testsupport.Infrastructure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * claim-service's schema (its Flyway migrations) in a database of its own, {@code plans_claimflow_claim}, filled once
 * per JVM with {@link #CLAIMS} claims spread as a practice has them (the spread of e2e's console benchmark): for
 * reading the plans of the list queries at volume ({@code EXPLAIN ANALYZE}). The fill is SQL set operations (a few
 * seconds). Each claim carries a 512-character snapshot, so the table is as much wider than its indexes as a real one
 * (whose snapshot is the coded encounter's JSON) and the planner weighs a scan of it as it would there.
 */
public final class ListPlans {

    public static final int CLAIMS = 100_000;

    private static JdbcClient jdbc;

    private ListPlans() {}

    /** The filled database. */
    public static synchronized JdbcClient database() {
        if (jdbc != null) {
            return jdbc;
        }
        Infrastructure infrastructure = Infrastructure.get();
        String url = infrastructure.migratedJdbcUrl("plans_claimflow_claim", "classpath:db/migration");
        JdbcClient client = JdbcClient.create(
                new DriverManagerDataSource(url, infrastructure.username(), infrastructure.password()));
        if (client.sql("SELECT count(*) FROM claim").query(Long.class).single() < CLAIMS) {
            fill(client);
        }
        jdbc = client;
        return jdbc;
    }

    /**
     * The plan of {@code sql} with its named {@code params}, as PostgreSQL ran it ({@code EXPLAIN (ANALYZE, COSTS
     * OFF)}), one line per node.
     */
    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+) .*rows=(\\d+) loops=(\\d+)");

    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

    /**
     * The most rows of {@code table} a sequential scan of {@code plan} read (returned and removed by its filter), 0
     * for none: a scan a {@code LIMIT} stops early reads few rows; one that reads the table to its end reads it all.
     */
    public static long seqScanned(List<String> plan, String table) {
        long most = 0;
        for (int i = 0; i < plan.size(); i++) {
            Matcher scan = SEQ_SCAN.matcher(plan.get(i));
            if (scan.find() && scan.group(1).equals(table)) {
                long rows = Long.parseLong(scan.group(2));
                if (i + 1 < plan.size() && !plan.get(i + 1).contains("->")) {
                    for (int j = i + 1; j < plan.size() && !plan.get(j).contains("->"); j++) {
                        Matcher removed = REMOVED.matcher(plan.get(j));
                        if (removed.find()) {
                            rows += Long.parseLong(removed.group(1));
                        }
                    }
                }
                most = Math.max(most, rows * Long.parseLong(scan.group(3)));
            }
        }
        return most;
    }

    public static List<String> explain(String sql, Map<String, ?> params) {
        List<String> plan = new ArrayList<>();
        database()
                .sql("EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) " + sql)
                .params(params)
                .query(rs -> {
                    plan.add(rs.getString(1));
                });
        return plan;
    }

    /**
     * Prints the plans of one page of {@code select} and of its count (as {@code PageQuery.countUpTo} counts, to
     * {@link PageRequest#COUNT_CAP}), with the conditions of {@code where}, and returns both, page first.
     */
    public static List<String> pageAndCount(String name, String select, String from, PageQuery where, String orderBy) {
        return pageAndCount(name, select, from, from, where, orderBy);
    }

    /** {@link #pageAndCount(String, String, String, PageQuery, String)}, counted with {@code countFrom}. */
    public static List<String> pageAndCount(
            String name, String select, String from, String countFrom, PageQuery where, String orderBy) {
        Map<String, Object> params = new LinkedHashMap<>(where.params());
        params.put("offset", 0);
        params.put("limit", 25);
        List<String> page = explain(
                select + " " + from + where.whereClause() + " ORDER BY " + orderBy + " OFFSET :offset LIMIT :limit",
                params);
        params.put("countLimit", PageRequest.COUNT_CAP + 1);
        List<String> count = explain(
                "SELECT count(*) FROM (SELECT 1 " + countFrom + where.whereClause() + " LIMIT :countLimit) matches",
                params);
        System.out.println("== " + name + "\n" + String.join("\n", page) + "\n-- count\n" + String.join("\n", count));
        List<String> both = new ArrayList<>(page);
        both.addAll(count);
        return both;
    }

    private static final String TENANT =
            "(ARRAY['riverside-fm','lakeside-peds','northgate-im','harbor-ortho'])[1 + i % 4]";
    private static final String PAYER_INDEX = "(1 + (i::bigint * i) % 8)";
    private static final String PAYER_ID =
            "(ARRAY['BKHP1','AETNA1','CIGNA1','UHC1','MCR-OH','MCD-OH','HUMANA1','ANTHEM1'])[" + PAYER_INDEX + "]";
    private static final String DOS = "(current_date - (i % 365))";
    private static final String STATUS = "CASE WHEN i % 100 < 55 THEN 'PAID' WHEN i % 100 < 62 THEN 'PARTIALLY_PAID'"
            + " WHEN i % 100 < 72 THEN 'SUBMITTED' WHEN i % 100 < 77 THEN 'ACKNOWLEDGED' WHEN i % 100 < 85 THEN"
            + " 'DENIED' WHEN i % 100 < 88 THEN 'REJECTED' WHEN i % 100 < 91 THEN 'HELD' WHEN i % 100 < 93 THEN"
            + " 'APPEALED' WHEN i % 100 < 95 THEN 'WRITTEN_OFF' ELSE 'CLOSED' END";
    private static final String CHARGE = "(45 + (i * 37) % 700)::numeric(12,2)";

    private static void fill(JdbcClient client) {
        String series = " FROM generate_series(1, " + CLAIMS + ") AS i";
        client.sql("INSERT INTO claim (claim_id, encounter_id, tenant_id, coding_version, frequency, status,"
                        + " is_current, patient_control_number, date_of_service, place_of_service, patient_mrn,"
                        + " payer_id, payer_name, billing_has_address, total_charge, service_key, source_event_id,"
                        + " encounter_snapshot, created_at, submitted_at, updated_at)"
                        + " SELECT 'clm-pl-' || lpad(i::text, 7, '0'), 'enc-pl-' || lpad(i::text, 7, '0'), "
                        + TENANT + ", 1, 'ORIGINAL', " + STATUS + ", true, 'PL' || lpad(i::text, 9, '0'), " + DOS
                        + ", '11', 'MRN' || lpad((i % 40000)::text, 6, '0'), " + PAYER_ID + ", 'a payer', true, "
                        + CHARGE + ", 'pl-' || i, 'pl-coded-' || i, repeat(md5(i::text), 16), " + DOS
                        + " + time '20:00' + interval '1 day', " + DOS + " + interval '2 days', " + DOS
                        + " + interval '25 days'" + series)
                .update();
        client.sql("INSERT INTO claim_scrub_finding (claim_id, rule_id, message, found_at)"
                        + " SELECT 'clm-pl-' || lpad(i::text, 7, '0'),"
                        + " (ARRAY['SELF-PAY','FEE-SCHEDULE-MISSING','TIMELY-FILING'])[1 + i % 3], 'held', " + DOS
                        + series + " WHERE i % 100 BETWEEN 88 AND 90")
                .update();
        client.sql("INSERT INTO work_item (claim_id, queue, category, reasons, created_at)"
                        + " SELECT 'clm-pl-' || lpad(i::text, 7, '0'),"
                        + " CASE WHEN i % 100 BETWEEN 85 AND 87 THEN 'REJECTION' WHEN i % 100 = 84 THEN 'APPEAL'"
                        + " ELSE 'DENIAL' END, 'MISSING_INFORMATION', 'CO-16 M119: NDC missing', " + DOS
                        + " + interval '20 days'" + series + " WHERE i % 100 BETWEEN 77 AND 87")
                .update();
        // as autovacuum leaves a table that has settled: statistics and the visibility map
        client.sql("VACUUM ANALYZE claim").update();
        client.sql("VACUUM ANALYZE claim_scrub_finding").update();
        client.sql("VACUUM ANALYZE work_item").update();
    }
}
