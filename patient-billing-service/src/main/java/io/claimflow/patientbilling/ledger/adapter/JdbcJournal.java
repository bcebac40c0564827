package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.patientbilling.ledger.ClaimLedger;
import io.claimflow.patientbilling.ledger.EntryKind;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.patientbilling.ledger.JournalLine;
import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.PostedEntry;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.patientbilling.ledger.ResponsibilityKind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@link Journal} in PostgreSQL: writes postings, reads a claim's ledger back. Append-only. */
@Repository
class JdbcJournal implements Journal {

    private final JdbcClient jdbc;

    JdbcJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /**
     * One statement (issue 22: it was three, and a remittance read the ledger twice): the claim's row, left-joined so
     * that a claim not known here still reads its entries, and every line of every entry on the claim with the
     * entries that reversed it.
     */
    @Override
    public ClaimState claimState(String tenantId, String claimId) {
        Object[] claim = new Object[3];
        boolean[] first = {true};
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        Map<Long, List<JournalLine>> lines = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT c.superseded_by, c.total_charge, c.pending_payer_name,
                       e.id, e.kind, e.trace_number, e.claim_status, e.effective_date,
                       (SELECT coalesce(string_agg(r.reversing_entry_id::text, ','), '') FROM journal_entry_reversal r
                        WHERE r.reversed_entry_id = e.id) AS reversed_by,
                       l.ledger_account, l.claim_id, l.component, l.amount
                FROM (SELECT CAST(? AS text) AS tenant_id, CAST(? AS text) AS claim_id) k
                LEFT JOIN claim c ON c.tenant_id = k.tenant_id AND c.claim_id = k.claim_id
                LEFT JOIN (journal_entry e JOIN journal_line l ON l.entry_id = e.id)
                    ON e.tenant_id = k.tenant_id AND e.claim_id = k.claim_id
                ORDER BY e.id, l.line_no""").params(tenantId, claimId).query((RowCallbackHandler) rs -> {
            if (first[0]) {
                first[0] = false;
                claim[0] = rs.getString(1);
                claim[1] = rs.getBigDecimal(2);
                claim[2] = rs.getString(3);
            }
            long id = rs.getLong(4);
            if (rs.wasNull()) {
                return; // nothing posted on the claim
            }
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
        return new ClaimState(
                new ClaimLedger(claimId, entries, (String) claim[0]), (BigDecimal) claim[1], (String) claim[2]);
    }

    private static Object[] head(ResultSet rs) {
        try {
            return new Object[] {
                EntryKind.valueOf(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, LocalDate.class),
                rs.getString(9)
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
            String component = rs.getString(12);
            return new JournalLine(
                    LedgerAccount.valueOf(rs.getString(10)),
                    rs.getString(11),
                    component == null ? null : ResponsibilityKind.valueOf(component),
                    rs.getBigDecimal(13));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the posting on the account; returns the new entry's id. The entry and its lines are one statement
     * (issue 22: they were two); the lines are numbered in the posting's order.
     */
    public long write(String tenantId, long accountId, Posting posting, Source source) {
        int size = posting.lines().size();
        String[] accounts = new String[size];
        String[] claims = new String[size];
        String[] components = new String[size];
        String[] amounts = new String[size];
        for (int i = 0; i < size; i++) {
            JournalLine line = posting.lines().get(i);
            accounts[i] = line.account().name();
            claims[i] = line.claimId();
            components[i] = line.kind() == null ? null : line.kind().name();
            // exact: the decimal's own digits, cast to numeric by PostgreSQL
            amounts[i] = line.amount().toPlainString();
        }
        long id = jdbc.sql("""
                WITH entry AS (
                    INSERT INTO journal_entry (tenant_id, account_id, kind, claim_id, effective_date, source_event_id,
                        trace_number, claim_status, description, payer_name)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id)
                INSERT INTO journal_line (entry_id, line_no, ledger_account, claim_id, component, amount)
                SELECT entry.id, CAST(line.n AS int), line.account, line.claim_id, line.component, line.amount
                FROM entry, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS numeric[]))
                    WITH ORDINALITY AS line (account, claim_id, component, amount, n)
                RETURNING entry_id""")
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
                        source.payerName(),
                        accounts,
                        claims,
                        components,
                        amounts)
                .query(Long.class)
                .list()
                .get(0);
        for (Long reversed : posting.reverses()) {
            jdbc.sql("INSERT INTO journal_entry_reversal (reversed_entry_id, reversing_entry_id) VALUES (?, ?)")
                    .params(reversed, id)
                    .update();
        }
        return id;
    }
}
