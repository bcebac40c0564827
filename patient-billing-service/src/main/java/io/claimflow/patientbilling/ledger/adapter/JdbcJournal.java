package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.patientbilling.ledger.ClaimLedger;
import io.claimflow.patientbilling.ledger.EntryKind;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.patientbilling.ledger.JournalLine;
import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.PostedEntry;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.patientbilling.ledger.ResponsibilityKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@link Journal} in PostgreSQL: writes postings, reads a claim's ledger back. Append-only. */
@Repository
class JdbcJournal implements Journal {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcJournal(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Locks the patient account for the rest of the transaction, so postings to it happen one at a time. */
    public void lockAccount(long accountId) {
        jdbc.sql("SELECT id FROM patient_account WHERE id = ? FOR UPDATE")
                .param(accountId)
                .query(Long.class)
                .single();
    }

    @Override
    public List<JournalLine> entryLines(long entryId) {
        return jdbc.sql("SELECT ledger_account, claim_id, component, amount FROM journal_line WHERE entry_id = ? "
                        + "ORDER BY line_no")
                .param(entryId)
                .query((rs, n) -> new JournalLine(
                        LedgerAccount.valueOf(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3) == null ? null : ResponsibilityKind.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4)))
                .list();
    }

    @Override
    public ClaimLedger claimLedger(String tenantId, String claimId) {
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        Map<Long, List<JournalLine>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT e.id, e.kind, e.trace_number, e.claim_status, e.effective_date,
                       (SELECT coalesce(string_agg(r.reversing_entry_id::text, ','), '') FROM journal_entry_reversal r
                        WHERE r.reversed_entry_id = e.id) AS reversed_by,
                       l.ledger_account, l.claim_id, l.component, l.amount
                FROM journal_entry e
                JOIN journal_line l ON l.entry_id = e.id
                WHERE e.tenant_id = ? AND e.claim_id = ?
                ORDER BY e.id, l.line_no""").params(tenantId, claimId).query((RowCallbackHandler) rs -> {
            long id = rs.getLong(1);
            heads.computeIfAbsent(id, k -> head(rs));
            lines.computeIfAbsent(id, k -> new ArrayList<>()).add(line(rs));
        });
        List<PostedEntry> entries = new ArrayList<>();
        heads.forEach((id, h) -> entries.add(new PostedEntry(
                id,
                (EntryKind) h[0],
                (String) h[1],
                (String) h[2],
                (LocalDate) h[3],
                reversedBy((String) h[4]),
                lines.get(id))));
        String supersededBy = jdbc.sql("SELECT superseded_by FROM claim WHERE tenant_id = ? AND claim_id = ?")
                .params(tenantId, claimId)
                .query(String.class)
                .optional()
                .orElse(null);
        return new ClaimLedger(claimId, entries, supersededBy);
    }

    private static Object[] head(ResultSet rs) {
        try {
            return new Object[] {
                EntryKind.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, LocalDate.class),
                rs.getString(6)
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> reversedBy(String ids) {
        return ids.isEmpty()
                ? List.of()
                : java.util.Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
    }

    private static JournalLine line(ResultSet rs) {
        try {
            String component = rs.getString(9);
            return new JournalLine(
                    LedgerAccount.valueOf(rs.getString(7)),
                    rs.getString(8),
                    component == null ? null : ResponsibilityKind.valueOf(component),
                    rs.getBigDecimal(10));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the posting on the account; returns the new entry's id. */
    public long write(String tenantId, long accountId, Posting posting, Source source) {
        long id = jdbc.sql("""
                INSERT INTO journal_entry (tenant_id, account_id, kind, claim_id, effective_date, source_event_id,
                    trace_number, claim_status, description, payer_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        tenantId,
                        accountId,
                        posting.kind().name(),
                        posting.claimId(),
                        posting.effectiveDate(),
                        source.eventId(),
                        source.traceNumber(),
                        source.claimStatus(),
                        posting.description(),
                        source.payerName())
                .query(Long.class)
                .single();
        List<Object[]> rows = new ArrayList<>();
        int lineNo = 1;
        for (JournalLine line : posting.lines()) {
            rows.add(new Object[] {
                id,
                lineNo++,
                line.account().name(),
                line.claimId(),
                line.kind() == null ? null : line.kind().name(),
                line.amount()
            });
        }
        template.batchUpdate(
                "INSERT INTO journal_line (entry_id, line_no, ledger_account, claim_id, component, amount) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                rows);
        for (Long reversed : posting.reverses()) {
            jdbc.sql("INSERT INTO journal_entry_reversal (reversed_entry_id, reversing_entry_id) VALUES (?, ?)")
                    .params(reversed, id)
                    .update();
        }
        return id;
    }
}
