package io.claimflow.platform.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the audit trail ({@code claimflow_platform.audit_record}); there is nothing here that changes it. */
public class AuditRecords {

    private static final String TABLE = JdbcAuditTrail.TABLE;
    private static final String COLUMNS =
            "id, occurred_at, username, roles, action, resource_type, resource_id, outcome, service";

    private final JdbcTemplate jdbc;

    AuditRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Searches the trail, newest first. */
    public AuditPage search(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        condition(where, args, "username = ?", query.username());
        condition(where, args, "resource_type = ?", query.resourceType());
        condition(where, args, "resource_id = ?", query.resourceId());
        condition(where, args, "action = ?", query.action());
        condition(where, args, "occurred_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        condition(where, args, "occurred_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        Long total = jdbc.queryForObject("SELECT count(*) FROM " + TABLE + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(query.size());
        pageArgs.add((long) query.page() * query.size());
        List<AuditRecord> records = jdbc.query(
                "SELECT " + COLUMNS + " FROM " + TABLE + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, row) -> record(rs),
                pageArgs.toArray());
        return new AuditPage(records, query.page(), query.size(), total == null ? 0 : total);
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            where.append(" AND ").append(sql);
            args.add(value);
        }
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
