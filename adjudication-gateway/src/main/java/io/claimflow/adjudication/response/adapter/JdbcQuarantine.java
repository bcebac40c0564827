package io.claimflow.adjudication.response.adapter;

import io.claimflow.adjudication.response.Quarantine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link Quarantine} in table {@code quarantined_file}. */
@Repository
class JdbcQuarantine implements Quarantine {

    private final JdbcClient jdbc;

    JdbcQuarantine(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long quarantine(long interchangeId, String reason) {
        return jdbc.sql("INSERT INTO quarantined_file (interchange_id, reason) VALUES (?, ?) RETURNING id")
                .params(interchangeId, reason.length() > 4000 ? reason.substring(0, 4000) : reason)
                .query(Long.class)
                .single();
    }

    @Override
    public List<QuarantinedFile> list(String status, int limit) {
        return jdbc.sql("SELECT id, interchange_id, reason, status, quarantined_at, resolved_at FROM quarantined_file "
                        + "WHERE (CAST(? AS text) IS NULL OR status = ?) ORDER BY id DESC LIMIT ?")
                .params(status, status, limit)
                .query(JdbcQuarantine::file)
                .list();
    }

    @Override
    public Optional<QuarantinedFile> find(long id) {
        return jdbc.sql("SELECT id, interchange_id, reason, status, quarantined_at, resolved_at FROM quarantined_file "
                        + "WHERE id = ?")
                .param(id)
                .query(JdbcQuarantine::file)
                .optional();
    }

    @Override
    public void resolve(long id, String status) {
        jdbc.sql("UPDATE quarantined_file SET status = ?, resolved_at = now() WHERE id = ?")
                .params(status, id)
                .update();
    }

    private static QuarantinedFile file(ResultSet rs, int row) throws SQLException {
        Timestamp resolved = rs.getTimestamp(6);
        return new QuarantinedFile(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                resolved == null ? null : resolved.toInstant());
    }
}
