package io.claimflow.claim.workitem.adapter;

import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Work lists in table {@code work_item}. */
@Repository
class JdbcWorkItems implements WorkItems {

    static final String SELECT = "SELECT w.id, w.claim_id, c.encounter_id, c.status, c.payer_id,"
            + " c.date_of_service, c.total_charge, w.queue, w.category, w.reasons, w.created_at"
            + " FROM work_item w JOIN claim c ON c.claim_id = w.claim_id WHERE w.resolved_at IS NULL";

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
        jdbc.sql("INSERT INTO work_item (claim_id, queue, category, reasons, cause_event_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
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
    public List<WorkItem> openForClaim(String claimId) {
        return jdbc.sql(SELECT + " AND w.claim_id = ? ORDER BY w.id")
                .param(claimId)
                .query(ROW)
                .list();
    }
}
