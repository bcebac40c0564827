package io.claimflow.console.deadletter.adapter;

import io.claimflow.console.deadletter.DeadLetterDecision;
import io.claimflow.console.deadletter.DeadLetterDecisions;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Dead-letter decisions in the console's database ({@code dead_letter_decision}). */
@Repository
class JdbcDeadLetterDecisions implements DeadLetterDecisions {

    private final JdbcClient jdbc;

    JdbcDeadLetterDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(DeadLetterDecision decision) {
        jdbc.sql("INSERT INTO dead_letter_decision (letter, service, decision, note, decided_by, decided_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        decision.letter(),
                        decision.service(),
                        decision.decision().name(),
                        decision.note(),
                        decision.decidedBy(),
                        Timestamp.from(decision.decidedAt()))
                .update();
    }

    @Override
    public Map<String, DeadLetterDecision> latest(Collection<String> letters) {
        Map<String, DeadLetterDecision> latest = new HashMap<>();
        if (letters.isEmpty()) {
            return latest;
        }
        List<DeadLetterDecision> rows = jdbc.sql("SELECT DISTINCT ON (letter) letter, service, decision, note,"
                        + " decided_by, decided_at FROM dead_letter_decision WHERE letter = ANY (?)"
                        + " ORDER BY letter, decided_at DESC, id DESC")
                .param(letters.toArray(String[]::new))
                .query((rs, n) -> new DeadLetterDecision(
                        rs.getString("letter"),
                        rs.getString("service"),
                        DeadLetterDecision.Decision.valueOf(rs.getString("decision")),
                        rs.getString("note"),
                        rs.getString("decided_by"),
                        rs.getTimestamp("decided_at").toInstant()))
                .list();
        rows.forEach(d -> latest.put(d.letter(), d));
        return latest;
    }
}
