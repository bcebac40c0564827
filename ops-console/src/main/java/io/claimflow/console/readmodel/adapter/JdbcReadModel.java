package io.claimflow.console.readmodel.adapter;

import io.claimflow.console.readmodel.ArAsOf;
import io.claimflow.console.readmodel.ClaimView;
import io.claimflow.console.readmodel.EncounterQuery;
import io.claimflow.console.readmodel.EncounterRow;
import io.claimflow.console.readmodel.EventKind;
import io.claimflow.console.readmodel.ListPage;
import io.claimflow.console.readmodel.PeriodFigures;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.console.readmodel.TopicThroughput;
import io.claimflow.console.readmodel.WorkBacklog;
import io.claimflow.platform.jdbc.PageQuery;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ReadModel} over the console's own PostgreSQL tables. */
@Component
class JdbcReadModel implements ReadModel {

    private static final String CLAIM_COLUMNS = """
            SELECT c.*, e.documented_at, e.first_paid_at AS encounter_first_paid_at
            FROM claim c LEFT JOIN encounter e ON e.encounter_id = c.encounter_id
            """;

    private final JdbcClient jdbc;

    JdbcReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ClaimView> search(String term, int limit) {
        String prefix = PageQuery.startsWith(term);
        return jdbc.sql(CLAIM_COLUMNS + """
                WHERE c.encounter_id LIKE :p OR c.claim_id LIKE :p OR c.patient_control_number LIKE :p
                ORDER BY c.submitted_at DESC LIMIT :limit
                """)
                .param("p", prefix)
                .param("limit", limit)
                .query(JdbcReadModel::claim)
                .list();
    }

    @Override
    public List<TimelineEntry> timeline(String encounterId) {
        return jdbc.sql("SELECT * FROM timeline_event WHERE encounter_id = :e ORDER BY occurred_at, event_id")
                .param("e", encounterId)
                .query(JdbcReadModel::entry)
                .list();
    }

    @Override
    public List<ClaimView> claimsOfEncounter(String encounterId) {
        return jdbc.sql(CLAIM_COLUMNS + " WHERE c.encounter_id = :e ORDER BY c.submitted_at")
                .param("e", encounterId)
                .query(JdbcReadModel::claim)
                .list();
    }

    @Override
    public Optional<String> encounterOfClaim(String claimId) {
        return jdbc.sql("SELECT encounter_id FROM claim WHERE claim_id = :c")
                .param("c", claimId)
                .query(String.class)
                .optional();
    }

    /**
     * The claims of a KPI period that count (no voids, no self-pay claims billed to the patient): read through the index on their submission time, so a
     * period's figures cost its own claims, not the history.
     */
    private static final String PERIOD = """
            WITH p AS (
                SELECT claim_id, encounter_id, payer_id, frequency = 'ORIGINAL' AS original,
                    frequency = 'ORIGINAL' AND first_answer_at IS NOT NULL AS answered,
                    first_answer_at IS NOT NULL AND state <> 'REPLACED' AS collectible,
                    state, front_end_rejected, denial_count, total_charge, paid_amount, patient_responsibility,
                    contractual_adjustment, CAST(submitted_at AT TIME ZONE 'UTC' AS date) AS day
                FROM claim WHERE submitted_at >= :from AND submitted_at < :to AND frequency NOT IN ('VOID', 'SELF_PAY'))
            """;

    @Override
    public PeriodFigures periodFigures(Instant from, Instant to) {
        Map<String, Object> params = Map.of("from", Timestamp.from(from), "to", Timestamp.from(to));
        Map<String, Long> byCategory = new TreeMap<>();
        // the period's denials (by their index) and their claims by key, when they are answered originals of the
        // period (PERIOD's "answered"): not every claim of the period read to find them
        jdbc.sql("""
                SELECT d.denial_category, count(DISTINCT d.claim_id) AS claims
                FROM timeline_event d JOIN claim c ON c.claim_id = d.claim_id
                WHERE d.kind = 'DENIED' AND d.occurred_at >= :from AND d.occurred_at < :to
                    AND d.denial_category IS NOT NULL
                    AND c.submitted_at >= :from AND c.submitted_at < :to
                    AND c.frequency = 'ORIGINAL' AND c.first_answer_at IS NOT NULL
                GROUP BY d.denial_category
                """).params(params).query(rs -> {
            byCategory.put(rs.getString(1), rs.getLong(2));
        });
        // every denial of the period, once per CARC it gives ("CO-16, CO-252" is two), "-" for none
        Map<String, Long> byCarc = new TreeMap<>();
        jdbc.sql("""
                SELECT COALESCE(d.denial_category, 'null') || '|' || x.carc || '|' || COALESCE(d.payer_id, 'null'),
                    count(*)
                FROM timeline_event d CROSS JOIN LATERAL unnest(
                    CASE WHEN d.carcs IS NULL OR d.carcs ~ '^\\s*$' THEN ARRAY['-']
                         ELSE regexp_split_to_array(regexp_replace(d.carcs, '(,\\s*)+$', ''), ',\\s*') END) AS x(carc)
                WHERE d.kind = 'DENIED' AND d.occurred_at >= :from AND d.occurred_at < :to
                GROUP BY 1
                """).params(params).query(rs -> {
            byCarc.put(rs.getString(1), rs.getLong(2));
        });
        // the figures per payer, per day and for the whole period from one pass over the period's claims (grouping
        // sets), where three statements each read them again
        Map<String, PeriodFigures.PayerCounts> byPayer = new TreeMap<>();
        List<PeriodFigures.Day> days = new ArrayList<>();
        List<PeriodFigures> total = new ArrayList<>();
        jdbc.sql(PERIOD + """
                , paid_encounters AS (
                    SELECT count(*) AS encounters,
                        sum(floor(extract(epoch FROM e.first_paid_at - e.documented_at) * 1000)) AS millis
                    FROM encounter e WHERE e.encounter_id IN (SELECT encounter_id FROM p)
                        AND e.documented_at IS NOT NULL AND e.first_paid_at < :to)
                SELECT GROUPING(day) AS all_days, GROUPING(payer_id) AS all_payers, day, payer_id,
                    count(*) AS claims, count(*) FILTER (WHERE denial_count > 0) AS with_denial,
                    sum(total_charge) AS charges, sum(paid_amount) AS paid,
                    count(*) FILTER (WHERE original) AS originals,
                    count(*) FILTER (WHERE original AND NOT front_end_rejected) AS clean,
                    count(*) FILTER (WHERE answered) AS answered,
                    count(*) FILTER (WHERE answered AND denial_count = 0 AND paid_amount > 0 AND state <> 'REPLACED')
                        AS paid_first_time,
                    count(*) FILTER (WHERE answered AND denial_count > 0) AS denied,
                    sum(paid_amount) FILTER (WHERE collectible) AS collected,
                    sum(total_charge - contractual_adjustment - patient_responsibility) FILTER (WHERE collectible)
                        AS collectible,
                    (SELECT encounters FROM paid_encounters) AS paid_encounters,
                    (SELECT millis FROM paid_encounters) AS paid_millis
                FROM p GROUP BY GROUPING SETS ((day), (payer_id), ())
                ORDER BY all_days, all_payers, day
                """).params(params).query(rs -> {
            if (rs.getInt("all_days") == 0) {
                days.add(new PeriodFigures.Day(
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("claims"),
                        rs.getLong("with_denial"),
                        money(rs.getBigDecimal("charges")),
                        money(rs.getBigDecimal("paid"))));
            } else if (rs.getInt("all_payers") == 0) {
                if (rs.getLong("answered") > 0) {
                    byPayer.put(
                            rs.getString("payer_id"),
                            new PeriodFigures.PayerCounts(rs.getLong("denied"), rs.getLong("answered")));
                }
            } else {
                total.add(new PeriodFigures(
                        rs.getLong("claims"),
                        rs.getLong("originals"),
                        rs.getLong("clean"),
                        rs.getLong("answered"),
                        rs.getLong("paid_first_time"),
                        rs.getLong("denied"),
                        byCategory,
                        byPayer,
                        byCarc,
                        money(rs.getBigDecimal("charges")),
                        money(rs.getBigDecimal("collected")),
                        money(rs.getBigDecimal("collectible")),
                        rs.getLong("paid_encounters"),
                        rs.getLong("paid_millis"),
                        days));
            }
        });
        return total.get(0);
    }

    /** A sum of money columns, 0.00 for none. */
    private static BigDecimal money(BigDecimal sum) {
        return sum == null ? BigDecimal.ZERO.setScale(2) : sum.setScale(2);
    }

    @Override
    public ArAsOf arAsOf(Instant to, LocalDate agedBefore) {
        // As the A/R stood at `to` (the start of a UTC day, the end of a KPI period): the daily balance series (V30)
        // summed up to the day before, a row per day and date of service with a change, whatever the number of claims
        // open then. Its figures are those of the claims and their payments summed at `to` (ArDailySeriesTest).
        LocalDate day = LocalDate.ofInstant(to, ZoneOffset.UTC);
        if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(to)) {
            throw new IllegalArgumentException("the A/R is kept per UTC day: 'to' is the start of one");
        }
        return jdbc.sql("""
                SELECT COALESCE(SUM(delta), 0) AS open_ar,
                    COALESCE(SUM(delta) FILTER (WHERE service_date < :agedBefore), 0) AS over90
                FROM ar_day WHERE day < :day
                """)
                .param("day", day)
                .param("agedBefore", agedBefore)
                .query((rs, n) -> new ArAsOf(
                        rs.getBigDecimal("open_ar").setScale(2),
                        rs.getBigDecimal("over90").setScale(2)))
                .single();
    }

    @Override
    public WorkBacklog backlog(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT count(*) AS documented,
                    count(*) FILTER (WHERE e.coding_version IS NULL AND NOT claimed) AS not_coded,
                    count(*) FILTER (WHERE e.coding_version IS NOT NULL AND NOT claimed) AS coded_without_claim
                FROM (SELECT e.coding_version,
                        EXISTS (SELECT 1 FROM claim c WHERE c.encounter_id = e.encounter_id) AS claimed
                    FROM encounter e WHERE e.documented_at >= :from AND e.documented_at < :to) e
                """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new WorkBacklog(
                        rs.getLong("documented"), rs.getLong("not_coded"), rs.getLong("coded_without_claim")))
                .single();
    }

    /** The encounter has a claim (any: the state the list shows is from its latest). */
    private static final String CLAIMED = "EXISTS (SELECT 1 FROM claim c WHERE c.encounter_id = e.encounter_id)";

    @Override
    public ListPage<EncounterRow> encounters(EncounterQuery q) {
        PageQuery query = PageQuery.all()
                .and(
                        "e.encounter_id IN (SELECT encounter_id FROM encounter WHERE encounter_id LIKE :p"
                                + " UNION SELECT encounter_id FROM claim WHERE claim_id LIKE :p"
                                + " OR patient_control_number LIKE :p)",
                        "p",
                        q.term() == null ? null : PageQuery.startsWith(q.term()));
        if (q.state() != null) {
            query.and(
                    switch (q.state()) {
                        case "DOCUMENTED" -> "e.coding_version IS NULL AND NOT " + CLAIMED;
                        case "CODED" -> "e.coding_version IS NOT NULL AND NOT " + CLAIMED;
                        case "CLAIMED" -> CLAIMED + " AND e.first_paid_at IS NULL";
                        case "PAID" -> "e.first_paid_at IS NOT NULL";
                        default -> throw new IllegalArgumentException("state must be one of " + EncounterRow.STATES);
                    });
        }
        query.and("e.tenant_id = :tenant", "tenant", q.tenantId())
                .and("e.date_of_service >= :dosFrom", "dosFrom", q.dosFrom())
                .and("e.date_of_service <= :dosTo", "dosTo", q.dosTo());
        // counted and paged on the encounters alone; the latest claim is looked up for the page's rows only
        long total = query.count(jdbc, "FROM encounter e");
        String order = switch (q.sort() == null ? "-documentedAt" : q.sort()) {
            case "documentedAt" -> "e.documented_at NULLS FIRST";
            case "dateOfService" -> "e.date_of_service NULLS FIRST";
            case "-dateOfService" -> "e.date_of_service DESC NULLS LAST";
            default -> "e.documented_at DESC NULLS LAST";
        };
        List<EncounterRow> items = jdbc.sql("""
                SELECT e.encounter_id, e.tenant_id, e.date_of_service, e.documented_at, e.coding_version,
                    lc.claim_id, lc.state AS claim_state, lc.payer_name,
                    CASE WHEN e.first_paid_at IS NOT NULL THEN 'PAID' WHEN lc.claim_id IS NOT NULL THEN 'CLAIMED'
                         WHEN e.coding_version IS NOT NULL THEN 'CODED' ELSE 'DOCUMENTED' END AS state
                FROM (SELECT e.* FROM encounter e""" + query.whereClause() + " ORDER BY " + order
                        + ", e.encounter_id OFFSET :offset LIMIT :limit) e"
                        + " LEFT JOIN LATERAL (SELECT c.claim_id, c.state, c.payer_name FROM claim c"
                        + " WHERE c.encounter_id = e.encounter_id"
                        + " ORDER BY c.submitted_at DESC, c.claim_id DESC LIMIT 1) lc ON true"
                        + " ORDER BY " + order + ", e.encounter_id")
                .params(query.params())
                .param("offset", (long) q.page() * q.size())
                .param("limit", q.size())
                .query((rs, n) -> new EncounterRow(
                        rs.getString("encounter_id"),
                        rs.getString("tenant_id"),
                        date(rs.getDate("date_of_service")),
                        instant(rs.getTimestamp("documented_at")),
                        (Integer) rs.getObject("coding_version"),
                        rs.getString("state"),
                        rs.getString("claim_id"),
                        rs.getString("claim_state"),
                        rs.getString("payer_name")))
                .list();
        return new ListPage<>(items, total);
    }

    @Override
    public java.util.Map<String, String> payers() {
        java.util.Map<String, String> payers = new java.util.LinkedHashMap<>();
        // each payer once by skipping through index claim_payer (payer_id, payer_name), its name the greatest there:
        // a few index probes per payer, where a GROUP BY read every claim for every page that lists payers
        jdbc.sql("""
                        WITH RECURSIVE payer AS (
                            (SELECT payer_id FROM claim ORDER BY payer_id LIMIT 1)
                            UNION ALL
                            SELECT (SELECT c.payer_id FROM claim c WHERE c.payer_id > payer.payer_id
                                    ORDER BY c.payer_id LIMIT 1)
                            FROM payer WHERE payer.payer_id IS NOT NULL)
                        SELECT payer_id, (SELECT c.payer_name FROM claim c WHERE c.payer_id = payer.payer_id
                                          ORDER BY c.payer_name DESC LIMIT 1) AS name
                        FROM payer WHERE payer_id IS NOT NULL ORDER BY name, payer_id""").query(rs -> {
            payers.put(rs.getString("payer_id"), rs.getString("name"));
        });
        return payers;
    }

    @Override
    public List<String> tenants() {
        // each tenant once by skipping through index encounter_tenant, not a read of every encounter
        return jdbc.sql("""
                        WITH RECURSIVE tenant AS (
                            (SELECT tenant_id FROM encounter ORDER BY tenant_id LIMIT 1)
                            UNION ALL
                            SELECT (SELECT e.tenant_id FROM encounter e WHERE e.tenant_id > tenant.tenant_id
                                    ORDER BY e.tenant_id LIMIT 1)
                            FROM tenant WHERE tenant.tenant_id IS NOT NULL)
                        SELECT tenant_id FROM tenant WHERE tenant_id IS NOT NULL ORDER BY tenant_id""").query(String.class).list();
    }

    @Override
    public List<TopicThroughput> throughputSince(Instant since) {
        return jdbc.sql("SELECT topic, minute, events FROM topic_minute WHERE minute >= :since ORDER BY minute, topic")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new TopicThroughput(
                        rs.getString("topic"), rs.getTimestamp("minute").toInstant(), rs.getInt("events")))
                .list();
    }

    private static TimelineEntry entry(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(
                rs.getString("event_id"),
                rs.getString("topic"),
                EventKind.valueOf(rs.getString("kind")),
                rs.getString("encounter_id"),
                rs.getString("claim_id"),
                rs.getString("tenant_id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("summary"),
                (Integer) rs.getObject("coding_version"),
                rs.getString("frequency"),
                rs.getString("denial_stage"),
                rs.getString("denial_category"),
                rs.getString("carcs"),
                rs.getString("payer_id"),
                rs.getBigDecimal("charge_amount"),
                rs.getBigDecimal("paid_amount"),
                rs.getBigDecimal("patient_responsibility"),
                rs.getBigDecimal("contractual_adjustment"));
    }

    private static ClaimView claim(ResultSet rs, int row) throws SQLException {
        return new ClaimView(
                rs.getString("claim_id"),
                rs.getString("encounter_id"),
                rs.getString("tenant_id"),
                rs.getString("patient_control_number"),
                rs.getString("payer_id"),
                rs.getString("payer_name"),
                rs.getString("frequency"),
                rs.getString("replaced_claim_id"),
                rs.getInt("coding_version"),
                rs.getString("state"),
                instant(rs.getTimestamp("submitted_at")),
                date(rs.getDate("date_of_service")),
                rs.getBigDecimal("total_charge"),
                rs.getBigDecimal("paid_amount"),
                rs.getBigDecimal("patient_responsibility"),
                rs.getBigDecimal("contractual_adjustment"),
                rs.getInt("denial_count"),
                rs.getBoolean("front_end_rejected"),
                rs.getString("last_denial_category"),
                rs.getString("last_denial_carcs"),
                instant(rs.getTimestamp("first_answer_at")),
                instant(rs.getTimestamp("last_paid_at")),
                instant(rs.getTimestamp("documented_at")),
                instant(rs.getTimestamp("encounter_first_paid_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
