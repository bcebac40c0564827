package io.claimflow.claim.work.adapter;

import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.work.ClaimQueries;
import io.claimflow.claim.work.ClaimSearch;
import io.claimflow.claim.work.ClaimSummary;
import io.claimflow.claim.work.FollowUpItem;
import io.claimflow.claim.work.FollowUpSearch;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.platform.jdbc.PageQuery;
import io.claimflow.platform.validation.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Billers' lists and reports from the claim tables. */
@Repository
class JdbcClaimQueries implements ClaimQueries {

    private static final String SUMMARY = "c.claim_id, c.encounter_id, c.tenant_id, c.status, c.frequency,"
            + " c.coding_version, c.is_current, c.payer_id, c.payer_name, c.date_of_service, c.total_charge,"
            + " c.paid_amount, c.total_charge - c.paid_amount - c.patient_responsibility - c.adjusted_amount AS balance,"
            + " c.submitted_at";
    private static final String OPEN_STATUSES = "('SUBMITTED', 'ACKNOWLEDGED', 'PAID', 'PARTIALLY_PAID', 'DENIED',"
            + " 'RECODE_REQUESTED', 'APPEALED', 'REJECTED', 'HELD', 'CREATED')";

    /** The columns of {@link PageRequest#SORTS}. */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "dateOfService", "c.date_of_service",
            "charge", "c.total_charge",
            "payer", "c.payer_id",
            "createdAt", "c.created_at");

    private final JdbcClient jdbc;

    JdbcClaimQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Page<ClaimSummary> search(ClaimSearch s) {
        return page(searchQuery(s), s.paging(), "c.created_at DESC", JdbcClaimQueries::summary);
    }

    /** The {@code WHERE} of a claim search. */
    static PageQuery searchQuery(ClaimSearch s) {
        return PageQuery.all()
                .and("c.status = :status", "status", s.status())
                .and("c.payer_id = :payerId", "payerId", s.payerId())
                .and("c.patient_mrn = :mrn", "mrn", s.patientMrn())
                .and("c.encounter_id = :encounterId", "encounterId", s.encounterId())
                .and("c.date_of_service >= :serviceFrom", "serviceFrom", s.serviceFrom())
                .and("c.date_of_service <= :serviceTo", "serviceTo", s.serviceTo())
                .and("c.submitted_at >= :submittedFrom", "submittedFrom", startOf(s.submittedFrom()))
                .and(
                        "c.submitted_at < :submittedTo",
                        "submittedTo",
                        s.submittedTo() == null ? null : startOf(s.submittedTo().plusDays(1)))
                .andIf(s.currentOnly(), "c.is_current")
                .and(
                        "c.claim_id LIKE :claimIdPrefix ESCAPE '\\'",
                        "claimIdPrefix",
                        s.claimIdPrefix() == null || s.claimIdPrefix().isBlank()
                                ? null
                                : PageQuery.startsWith(s.claimIdPrefix()));
    }

    /**
     * One page of the claims {@code query} matches, in the order of the request's sort, with the total counted up to
     * {@link PageRequest#countLimit()} (past it, "more than"). A page asked for after (or before) a claim of the list,
     * as the console's next and previous links ask, is read from that claim's place in the order's index (keyset
     * paging); a page asked for by its number alone skips the pages before it.
     */
    private <T> Page<T> page(PageQuery query, PageRequest paging, String fallbackOrder, RowMapper<T> rows) {
        String order = order(paging, fallbackOrder);
        String select = "SELECT " + SUMMARY + " FROM claim c";
        long offset = (long) paging.page() * paging.size();
        String cursor = paging.after() != null ? paging.after() : paging.before();
        boolean descending = order.endsWith(" DESC");
        String column = orderColumn(order);
        // the payer sort's column can be null (self-pay), which a row comparison cannot place: paged by number
        if (cursor != null && !column.equals("c.payer_id")) {
            Object value = jdbc.sql("SELECT " + column + " FROM claim c WHERE c.claim_id = :claimId")
                    .param("claimId", cursor)
                    .query((rs, row) -> sqlValue(rs.getObject(1)))
                    .optional()
                    .orElseThrow(() -> new InvalidInputException(
                            (paging.after() != null ? "after" : "before") + " names no claim"));
            boolean backward = paging.after() == null;
            // forward, one more than the page says whether a next page follows; backward, the cursor's claim follows
            List<T> found = query.pageAfter(
                    jdbc,
                    select,
                    List.of(column, "c.claim_id"),
                    descending,
                    List.of(value, cursor),
                    backward,
                    backward ? paging.size() : paging.size() + 1,
                    rows);
            boolean more = backward || found.size() > paging.size();
            List<T> items = found.size() > paging.size() ? found.subList(0, paging.size()) : found;
            if (offset + paging.size() <= PageRequest.COUNT_CAP) {
                return Page.counted(items, paging, query.countUpTo(jdbc, "FROM claim c", paging.countLimit() + 1));
            }
            return new Page<>(items, paging.page(), paging.size(), offset + items.size(), more);
        }
        if (offset == 0) {
            return Page.counted(
                    query.page(jdbc, select, order, 0, paging.size(), rows),
                    paging,
                    query.countUpTo(jdbc, "FROM claim c", paging.countLimit() + 1));
        }
        // past the first page, the OFFSET passes over index entries, not whole claims (a deferred join); how cheaply
        // depends on the table's visibility map (a page by a cursor does not)
        if (offset + paging.size() <= PageRequest.COUNT_CAP) {
            return Page.counted(
                    query.pageByKey(jdbc, select, "FROM claim c", "c.claim_id", order, offset, paging.size(), rows),
                    paging,
                    query.countUpTo(jdbc, "FROM claim c", paging.countLimit() + 1));
        }
        // A page ending past the count's cap: the total is "more than" the end of this page when one more row follows
        // it, and exact when the page is the last; either way the matches before it exist, so no count is needed (it
        // would read them all again). Only a page past the last match counts, to say how many there are.
        List<T> found =
                query.pageByKey(jdbc, select, "FROM claim c", "c.claim_id", order, offset, paging.size() + 1, rows);
        if (found.isEmpty()) {
            return Page.counted(found, paging, query.countUpTo(jdbc, "FROM claim c", paging.countLimit() + 1));
        }
        boolean more = found.size() > paging.size();
        List<T> items = more ? found.subList(0, paging.size()) : found;
        return new Page<>(items, paging.page(), paging.size(), offset + items.size(), more);
    }

    /** A value read back to be bound again: a {@code timestamptz} as an {@link OffsetDateTime}. */
    private static Object sqlValue(Object value) {
        return value instanceof java.sql.Timestamp at ? at.toInstant().atOffset(ZoneOffset.UTC) : value;
    }

    /**
     * The {@code ORDER BY} of a claim list's page: the request's sort, or {@code fallbackOrder}; then the claim id in
     * the same direction (so that one index on both columns, read either way, gives the order, and a row comparison
     * places a cursor in it).
     */
    static String order(PageRequest paging, String fallbackOrder) {
        String by = PageQuery.orderBy(paging.sort(), SORT_COLUMNS, fallbackOrder);
        return by + ", c.claim_id" + (by.endsWith(" DESC") ? " DESC" : "");
    }

    /**
     * The statement that reads a page past the first of a claim search by its number (its keys first, then those
     * claims).
     */
    static String deepPageSql(ClaimSearch s) {
        return searchQuery(s)
                .pageByKeySql(
                        "SELECT " + SUMMARY + " FROM claim c",
                        "FROM claim c",
                        "c.claim_id",
                        order(s.paging(), "c.created_at DESC"));
    }

    /**
     * The statement that reads the page of a claim search after a claim ({@code :cursor0}, {@code :cursor1}: the
     * value of the order's column and the claim id of that claim; {@code :limit}).
     */
    static String pageAfterSql(ClaimSearch s) {
        String order = order(s.paging(), "c.created_at DESC");
        return searchQuery(s)
                .pageAfterSql(
                        "SELECT " + SUMMARY + " FROM claim c",
                        List.of(orderColumn(order), "c.claim_id"),
                        order.endsWith(" DESC"),
                        false);
    }

    /** The column an {@link #order} sorts by first. */
    private static String orderColumn(String order) {
        String first = order.substring(0, order.indexOf(','));
        return first.endsWith(" DESC") ? first.substring(0, first.length() - " DESC".length()) : first;
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    @Override
    public List<HeldClaim> held(int offset, int limit) {
        List<ClaimSummary> claims = jdbc.sql("SELECT " + SUMMARY + " FROM claim c WHERE c.status = 'HELD'"
                        + " AND c.is_current ORDER BY c.created_at, c.claim_id OFFSET ? LIMIT ?")
                .params(offset, limit)
                .query(JdbcClaimQueries::summary)
                .list();
        List<HeldClaim> held = new ArrayList<>();
        for (ClaimSummary claim : claims) {
            held.add(new HeldClaim(
                    claim,
                    jdbc.sql("SELECT rule_id, message, line_number FROM claim_scrub_finding"
                                    + " WHERE claim_id = ? AND resolved_at IS NULL ORDER BY id")
                            .param(claim.claimId())
                            .query((rs, row) ->
                                    new ScrubFinding(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class)))
                            .list()));
        }
        return held;
    }

    @Override
    public Page<HeldClaim> held(WorkListSearch s) {
        Page<ClaimSummary> claims = page(heldQuery(s), s.paging(), "c.created_at", JdbcClaimQueries::summary);
        Map<String, List<ScrubFinding>> findings = new LinkedHashMap<>();
        if (!claims.items().isEmpty()) {
            jdbc.sql("SELECT claim_id, rule_id, message, line_number FROM claim_scrub_finding"
                            + " WHERE claim_id IN (:claims) AND resolved_at IS NULL ORDER BY id")
                    .param(
                            "claims",
                            claims.items().stream().map(ClaimSummary::claimId).toList())
                    .query(rs -> {
                        findings.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new ScrubFinding(
                                        rs.getString(2), rs.getString(3), rs.getObject(4, Integer.class)));
                    });
        }
        List<HeldClaim> items = claims.items().stream()
                .map(c -> new HeldClaim(c, findings.getOrDefault(c.claimId(), List.of())))
                .toList();
        return new Page<>(items, claims.page(), claims.size(), claims.total(), claims.totalAtLeast());
    }

    /** The {@code WHERE} of the held list. */
    static PageQuery heldQuery(WorkListSearch s) {
        return PageQuery.where("c.status = 'HELD' AND c.is_current")
                .and(
                        "EXISTS (SELECT 1 FROM claim_scrub_finding f WHERE f.claim_id = c.claim_id"
                                + " AND f.resolved_at IS NULL AND f.rule_id = :ruleId)",
                        "ruleId",
                        s.ruleId())
                .and("c.payer_id = :payerId", "payerId", s.payerId())
                .and("c.date_of_service <= :serviceTo", "serviceTo", s.serviceTo());
    }

    @Override
    public List<RuleCount> heldByRule() {
        return jdbc.sql(
                        "SELECT f.rule_id, count(DISTINCT c.claim_id) AS claims FROM claim c"
                                + " JOIN claim_scrub_finding f ON f.claim_id = c.claim_id AND f.resolved_at IS NULL"
                                + " WHERE c.status = 'HELD' AND c.is_current GROUP BY f.rule_id ORDER BY claims DESC, f.rule_id")
                .query((rs, row) -> new RuleCount(rs.getString(1), rs.getLong(2)))
                .list();
    }

    @Override
    public List<ClaimSummary> openBalancesWithoutWorkItem(
            List<io.claimflow.claim.model.ClaimStatus> states, int limit) {
        if (states.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + SUMMARY + " FROM claim c WHERE ((c.status IN (:states)"
                        + " AND c.total_charge - c.paid_amount - c.patient_responsibility - c.adjusted_amount <> 0)"
                        + " OR (c.status IN ('REPLACED', 'VOIDED') AND c.paid_amount <> 0))"
                        + " AND NOT EXISTS (SELECT 1 FROM work_item w WHERE w.claim_id = c.claim_id"
                        + " AND w.resolved_at IS NULL) ORDER BY c.claim_id LIMIT :limit")
                .param("states", states.stream().map(Enum::name).toList())
                .param("limit", limit)
                .query(JdbcClaimQueries::summary)
                .list();
    }

    @Override
    public Page<FollowUpItem> followUp(FollowUpSearch s, ClaimPolicy policy) {
        FollowUpSql sql = followUpSql(s, policy);
        PageRequest paging = s.paging();
        long offset = (long) paging.page() * paging.size();
        // each row carries the window's total beside its item
        List<Counted> rows = jdbc.sql(sql.page())
                .params(sql.params())
                .param("offset", offset)
                .param("limit", paging.size())
                .query((rs, row) -> new Counted(
                        new FollowUpItem(
                                summary(rs, row),
                                FollowUpItem.Reason.valueOf(rs.getString("reason")),
                                rs.getLong("days_waiting"),
                                rs.getObject("deadline", LocalDate.class),
                                rs.getLong("days_left")),
                        rs.getLong("total")))
                .list();
        List<FollowUpItem> items = rows.stream().map(Counted::item).toList();
        // a page past the end has no row to carry the total: counted on its own
        long total = rows.isEmpty()
                ? jdbc.sql(sql.count()).params(sql.params()).query(Long.class).single()
                : rows.get(0).total();
        return new Page<>(items, paging.page(), paging.size(), total);
    }

    private record Counted(FollowUpItem item, long total) {}

    /** The statements of a follow-up page ({@link #followUp}) and their named parameters. */
    record FollowUpSql(String page, String count, Map<String, Object> params) {}

    private static final String AWAITING_PAYER = "('SUBMITTED', 'ACKNOWLEDGED', 'APPEALED', 'CROSSED_OVER')";
    private static final String FOLLOW_UP_ORDER = "i.deadline, i.days_waiting DESC, i.claim_id";

    /**
     * The follow-up list in SQL. Each payer's follow-up and filing days come in as a {@code VALUES} list (the
     * policy's payers), the defaults for every other payer. The candidates are read from the partial index
     * {@code claim_follow_up_idx} (current claims in the states involved: an index-only scan where the visibility map
     * allows, else an index of the states); the items are counted and sorted (a top-N sort to the end of the page),
     * and only the page's claims are read whole. A claim put off by its last follow-up note is left out by one hashed
     * look-up (the notes naming a later day), not by a query per claim.
     */
    static FollowUpSql followUpSql(FollowUpSearch s, ClaimPolicy policy) {
        Map<String, Object> params = new LinkedHashMap<>();
        java.util.Set<String> payers =
                new java.util.TreeSet<>(policy.followUpDays().keySet());
        payers.addAll(policy.timelyFilingDays().keySet());
        StringBuilder values = new StringBuilder();
        int n = 0;
        for (String payer : payers) {
            values.append(n == 0 ? "VALUES " : ", ")
                    .append("(CAST(:policyPayer")
                    .append(n)
                    .append(" AS text), CAST(:policyFollowUp")
                    .append(n)
                    .append(" AS int), CAST(:policyFiling")
                    .append(n)
                    .append(" AS int))");
            params.put("policyPayer" + n, payer);
            params.put("policyFollowUp" + n, policy.followUpDaysFor(payer));
            params.put("policyFiling" + n, policy.timelyFilingDaysFor(payer));
            n++;
        }
        if (n == 0) {
            values.append("SELECT CAST(NULL AS text), CAST(NULL AS int), CAST(NULL AS int) WHERE false");
        }
        params.put("today", s.today());
        params.put("olderThanDays", s.olderThanDays());
        params.put("defaultFollowUp", policy.defaultFollowUpDays());
        params.put("defaultFiling", policy.defaultTimelyFilingDays());
        params.put("warningDays", policy.timelyFilingWarningDays());
        PageQuery candidates = PageQuery.where("c.is_current AND c.status IN " + FOLLOW_UP_STATES)
                .and("c.payer_id = :payerId", "payerId", s.payerId())
                .andIf(s.claimIds() != null, "c.claim_id IN (:claimIds)");
        params.putAll(candidates.params());
        if (s.claimIds() != null) {
            params.put("claimIds", s.claimIds().isEmpty() ? List.of("") : s.claimIds());
        }
        if (s.reason() != null) {
            params.put("reason", s.reason().name());
        }
        String items = "WITH policy (payer_id, follow_up_days, filing_days) AS (" + values + "),"
                // put off: the claim's last follow-up note names a later day
                + " put_off AS (SELECT f.claim_id FROM claim_follow_up f WHERE f.next_follow_up > CAST(:today AS date)"
                + "   AND NOT EXISTS (SELECT 1 FROM claim_follow_up later"
                + "     WHERE later.claim_id = f.claim_id AND later.id > f.id)),"
                + " candidate AS (SELECT c.claim_id, c.date_of_service, c.status IN " + AWAITING_PAYER + " AS waiting,"
                + "   CAST(coalesce(c.submitted_at, c.created_at) AT TIME ZONE 'UTC' AS date) AS sent_on,"
                + "   c.date_of_service + coalesce(p.filing_days, :defaultFiling) AS deadline,"
                + "   coalesce(CAST(:olderThanDays AS int), p.follow_up_days, :defaultFollowUp) AS follow_up_days"
                + "   FROM claim c LEFT JOIN policy p ON p.payer_id = c.payer_id"
                + candidates.whereClause() + "),"
                + " item AS (SELECT k.claim_id, CASE WHEN k.waiting THEN 'NO_PAYER_RESPONSE'"
                + "   WHEN k.deadline < CAST(:today AS date) THEN 'TIMELY_FILING_DEADLINE_PASSED'"
                + "   ELSE 'TIMELY_FILING_DEADLINE_NEAR' END AS reason,"
                + "   CAST(:today AS date) - CASE WHEN k.waiting THEN k.sent_on ELSE k.date_of_service END"
                + "   AS days_waiting, k.deadline FROM candidate k"
                // waiting for the payer past its days and not put off; or not sent, the deadline near or past
                + "   WHERE CASE WHEN k.waiting THEN k.sent_on <= CAST(:today AS date) - k.follow_up_days"
                + "     AND k.claim_id NOT IN (SELECT claim_id FROM put_off)"
                + "   ELSE k.deadline - CAST(:warningDays AS int) <= CAST(:today AS date) END)"
                + (s.reason() == null ? "" : ", chosen AS (SELECT * FROM item WHERE reason = :reason)");
        String from = s.reason() == null ? "item" : "chosen";
        String page = items + " SELECT " + SUMMARY + ", i.reason, i.days_waiting, i.deadline,"
                + " i.deadline - CAST(:today AS date) AS days_left, i.total"
                + " FROM (SELECT i.*, count(*) OVER () AS total FROM " + from + " i"
                + "   ORDER BY " + FOLLOW_UP_ORDER + " OFFSET :offset LIMIT :limit) i"
                + " JOIN claim c ON c.claim_id = i.claim_id ORDER BY " + FOLLOW_UP_ORDER;
        String count = items + " SELECT count(*) FROM " + from;
        return new FollowUpSql(page, count, params);
    }

    /** The states of the claims the follow-up list reads (those of {@code claim_follow_up_idx}). */
    static final String FOLLOW_UP_STATES =
            "('SUBMITTED', 'ACKNOWLEDGED', 'APPEALED', 'CROSSED_OVER', 'CREATED', 'HELD', 'REJECTED')";

    @Override
    public List<AgingRow> aging(LocalDate today) {
        return jdbc.sql("""
                WITH open AS (
                    SELECT coalesce(payer_id, '(self-pay)') AS payer_id, coalesce(payer_name, '') AS payer_name,
                        CAST(:today AS date) - date_of_service AS age,
                        total_charge - paid_amount - patient_responsibility - adjusted_amount AS balance
                    FROM claim WHERE is_current AND status IN
                """ + OPEN_STATUSES + """
                )
                SELECT payer_id, max(payer_name) AS payer_name, count(*) AS claims,
                    coalesce(sum(balance) FILTER (WHERE age <= 30), 0) AS b0,
                    coalesce(sum(balance) FILTER (WHERE age BETWEEN 31 AND 60), 0) AS b31,
                    coalesce(sum(balance) FILTER (WHERE age BETWEEN 61 AND 90), 0) AS b61,
                    coalesce(sum(balance) FILTER (WHERE age BETWEEN 91 AND 120), 0) AS b91,
                    coalesce(sum(balance) FILTER (WHERE age > 120), 0) AS b121,
                    coalesce(sum(balance), 0) AS total
                FROM open WHERE balance <> 0 GROUP BY payer_id ORDER BY payer_id
                """)
                .param("today", today)
                .query((rs, row) -> new AgingRow(
                        rs.getString("payer_id"),
                        rs.getString("payer_name"),
                        rs.getInt("claims"),
                        rs.getBigDecimal("b0"),
                        rs.getBigDecimal("b31"),
                        rs.getBigDecimal("b61"),
                        rs.getBigDecimal("b91"),
                        rs.getBigDecimal("b121"),
                        rs.getBigDecimal("total")))
                .list();
    }

    @Override
    public long addAppeal(String claimId, String notes, String timelyFilingProof, String filedBy, Instant at) {
        return jdbc.sql("INSERT INTO appeal (claim_id, notes, timely_filing_proof, status, filed_by, filed_at)"
                        + " VALUES (?, ?, ?, 'FILED', ?, ?) RETURNING id")
                .params(claimId, notes, timelyFilingProof, filedBy, at.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    @Override
    public List<Appeal> appeals(String claimId) {
        return jdbc.sql("SELECT id, claim_id, notes, status, filed_by, filed_at, timely_filing_proof FROM appeal"
                        + " WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query((rs, row) -> new Appeal(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs, "filed_at"),
                        rs.getString("timely_filing_proof")))
                .list();
    }

    @Override
    public boolean decideAppeal(String claimId, long appealId, String status) {
        return jdbc.sql("UPDATE appeal SET status = ? WHERE id = ? AND claim_id = ? AND status = 'FILED'")
                        .params(status, appealId, claimId)
                        .update()
                == 1;
    }

    @Override
    public void addFollowUp(String claimId, String note, LocalDate nextFollowUp, String createdBy, Instant at) {
        jdbc.sql("INSERT INTO claim_follow_up (claim_id, note, next_follow_up, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(claimId, note, nextFollowUp, createdBy, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public List<FollowUp> followUps(String claimId) {
        return jdbc.sql("SELECT id, claim_id, note, next_follow_up, created_by, created_at FROM claim_follow_up"
                        + " WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query((rs, row) -> new FollowUp(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        instant(rs, "created_at")))
                .list();
    }

    private static ClaimSummary summary(ResultSet rs, int row) throws SQLException {
        return new ClaimSummary(
                rs.getString("claim_id"),
                rs.getString("encounter_id"),
                rs.getString("tenant_id"),
                rs.getString("status"),
                rs.getString("frequency"),
                rs.getInt("coding_version"),
                rs.getBoolean("is_current"),
                rs.getString("payer_id"),
                rs.getString("payer_name"),
                rs.getObject("date_of_service", LocalDate.class),
                rs.getBigDecimal("total_charge"),
                rs.getBigDecimal("paid_amount"),
                rs.getBigDecimal("balance"),
                instant(rs, "submitted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
