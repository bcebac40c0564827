package io.claimflow.claim.workitem.adapter;

import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkListSearch;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.jdbc.PageQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Work lists in table {@code work_item}. */
@Repository
class JdbcWorkItems implements WorkItems {

    private static final String FROM = "FROM work_item w JOIN claim c ON c.claim_id = w.claim_id";
    /**
     * The same rows for counting: each open item's claim looked up by its key (OFFSET 0 keeps the planner from
     * turning it into a join that reads every claim), so a count capped at 10,000 reads at most that many items.
     */
    static final String COUNT_FROM = "FROM work_item w CROSS JOIN LATERAL (SELECT c.payer_id, c.date_of_service"
            + " FROM claim c WHERE c.claim_id = w.claim_id OFFSET 0) c";

    private static final String COLUMNS = "SELECT w.id, w.claim_id, c.encounter_id, c.status, c.payer_id,"
            + " c.date_of_service, c.total_charge, w.queue, w.category, w.reasons, w.created_at ";
    static final String SELECT = COLUMNS + FROM + " WHERE w.resolved_at IS NULL";

    /** The columns of {@link io.claimflow.claim.workitem.PageRequest#SORTS}. */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "dateOfService", "c.date_of_service",
            "charge", "c.total_charge",
            "payer", "c.payer_id",
            "createdAt", "w.created_at");

    static final RowMapper<WorkItem> ROW = (rs, row) -> new WorkItem(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getObject(6, LocalDate.class),
            rs.getBigDecimal(7),
            WorkQueue.valueOf(rs.getString(8)),
            rs.getString(9),
            rs.getString(10),
            rs.getObject(11, OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    JdbcWorkItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(String claimId, WorkQueue queue, String category, String reasons, String causeEventId, Instant at) {
        // and the claim marked as one that had work opened (V113: a payment resolves work only on such a claim)
        jdbc.sql("""
                WITH w AS (INSERT INTO work_item (claim_id, queue, category, reasons, cause_event_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING claim_id)
                UPDATE claim SET work_opened = true WHERE claim_id = (SELECT claim_id FROM w) AND NOT work_opened
                """)
                .params(claimId, queue.name(), category, reasons, causeEventId, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public int resolveOpen(String claimId, String resolvedBy, Instant at) {
        return jdbc.sql("UPDATE work_item SET resolved_at = ?, resolved_by = ? WHERE claim_id = ?"
                        + " AND resolved_at IS NULL")
                .params(at.atOffset(ZoneOffset.UTC), resolvedBy, claimId)
                .update();
    }

    @Override
    public List<WorkItem> open(WorkQueue queue, int offset, int limit) {
        return jdbc.sql(SELECT + " AND (CAST(:queue AS text) IS NULL OR w.queue = :queue)"
                        + " ORDER BY w.created_at, w.id OFFSET :offset LIMIT :limit")
                .param("queue", queue == null ? null : queue.name())
                .param("offset", offset)
                .param("limit", limit)
                .query(ROW)
                .list();
    }

    @Override
    public Page<WorkItem> search(WorkListSearch s) {
        PageQuery query = searchQuery(s);
        String order = PageQuery.orderBy(s.paging().sort(), SORT_COLUMNS, "w.created_at") + ", w.id";
        return Page.counted(
                query.page(
                        jdbc,
                        COLUMNS + FROM,
                        order,
                        s.paging().page(),
                        s.paging().size(),
                        ROW),
                s.paging(),
                query.countUpTo(jdbc, COUNT_FROM, s.paging().countLimit() + 1));
    }

    /** The {@code WHERE} of an open-work search. */
    static PageQuery searchQuery(WorkListSearch s) {
        return PageQuery.where("w.resolved_at IS NULL")
                .and(
                        "w.queue = :queue",
                        "queue",
                        s.queue() == null ? null : s.queue().name())
                .and("w.category = :category", "category", s.category())
                .and("c.payer_id = :payerId", "payerId", s.payerId())
                .and("c.date_of_service <= :serviceTo", "serviceTo", s.serviceTo())
                // a CARC among the reasons ("CO-16 M119: ...", "CO-11: ..."), with or without its group code
                .and(
                        "w.reasons ~ ('(^|[^0-9A-Za-z])((CO|PR|OA|PI|CR)-?)?' || :carc || '([^0-9A-Za-z]|$)')",
                        "carc",
                        s.carcCode());
    }

    @Override
    public List<WorkItem> openForClaim(String claimId) {
        return jdbc.sql(SELECT + " AND w.claim_id = ? ORDER BY w.id")
                .param(claimId)
                .query(ROW)
                .list();
    }
}
