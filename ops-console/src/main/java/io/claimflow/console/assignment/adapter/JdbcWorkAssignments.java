package io.claimflow.console.assignment.adapter;

import io.claimflow.console.assignment.WorkAssignments;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Work assignments in the console's database ({@code work_assignment}). */
@Repository
class JdbcWorkAssignments implements WorkAssignments {

    private final JdbcClient jdbc;

    JdbcWorkAssignments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void assign(String claimId, String assignee, String assignedBy, Instant at) {
        // the open one is closed first: one open assignment per claim (a unique index keeps it so)
        jdbc.sql("UPDATE work_assignment SET done_at = ?, handed_on = true WHERE claim_id = ? AND done_at IS NULL "
                        + "AND assignee <> ?")
                .params(Timestamp.from(at), claimId, assignee)
                .update();
        jdbc.sql("INSERT INTO work_assignment (claim_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (claim_id) WHERE done_at IS NULL DO NOTHING")
                .params(claimId, assignee, assignedBy, Timestamp.from(at))
                .update();
    }

    @Override
    public Map<String, String> assignees(Collection<String> claimIds) {
        Map<String, String> open = new HashMap<>();
        if (claimIds.isEmpty()) {
            return open;
        }
        jdbc.sql("SELECT claim_id, assignee FROM work_assignment WHERE done_at IS NULL AND claim_id = ANY (?)")
                .param(claimIds.toArray(String[]::new))
                .query((rs, n) -> open.put(rs.getString(1), rs.getString(2)))
                .list();
        return open;
    }

    @Override
    public List<String> openClaims(String assignee, int limit) {
        return jdbc.sql("SELECT claim_id FROM work_assignment WHERE done_at IS NULL AND (CAST(? AS text) IS NULL"
                        + " OR assignee = ?) ORDER BY assigned_at, claim_id LIMIT ?")
                .params(assignee, assignee, limit)
                .query(String.class)
                .list();
    }

    @Override
    public void finish(Collection<String> claimIds, Instant at) {
        if (claimIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE work_assignment SET done_at = ? WHERE done_at IS NULL AND claim_id = ANY (?)")
                .params(Timestamp.from(at), claimIds.toArray(String[]::new))
                .update();
    }

    @Override
    public List<Productivity> productivity(Instant since) {
        return jdbc.sql("""
                SELECT assignee, count(*) FILTER (WHERE done_at IS NULL),
                       count(*) FILTER (WHERE done_at >= ? AND NOT handed_on)
                FROM work_assignment GROUP BY assignee ORDER BY assignee""")
                .param(Timestamp.from(since))
                .query((rs, n) -> new Productivity(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }
}
