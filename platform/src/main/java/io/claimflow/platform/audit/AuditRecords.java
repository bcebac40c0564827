package io.claimflow.platform.audit;

import io.claimflow.platform.jdbc.PageQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the audit trail ({@code claimflow_platform.audit_record}); there is nothing here that changes it. */
public class AuditRecords {

    private static final String TABLE = JdbcAuditTrail.TABLE;
    private static final String COLUMNS =
            "id, occurred_at, username, roles, action, resource_type, resource_id, outcome, service";

    private final JdbcClient jdbc;

    AuditRecords(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** Searches the trail, newest first. */
    public AuditPage search(AuditQuery query) {
        PageQuery where = PageQuery.all()
                .and("username = :username", "username", query.username())
                .and("resource_type = :resourceType", "resourceType", query.resourceType())
                .and("resource_id = :resourceId", "resourceId", query.resourceId())
                .and("action = :action", "action", query.action())
                .and("occurred_at >= :from", "from", query.from() == null ? null : Timestamp.from(query.from()))
                .and("occurred_at < :to", "to", query.to() == null ? null : Timestamp.from(query.to()));
        List<AuditRecord> records = where.page(
                jdbc,
                "SELECT " + COLUMNS + " FROM " + TABLE,
                "id DESC",
                query.page(),
                query.size(),
                (rs, row) -> record(rs));
        return new AuditPage(records, query.page(), query.size(), where.count(jdbc, "FROM " + TABLE));
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        List<String> roleList = roles == null ? List.of() : Arrays.asList((String[]) roles.getArray());
        return new AuditRecord(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("username"),
                List.copyOf(roleList),
                rs.getString("action"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                AuditRecord.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("service"));
    }
}
