package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.patientbilling.claim.KnownClaims;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The {@link Journal} in PostgreSQL: writes postings, reads a claim's ledger back. Append-only. */
@Repository
class JdbcJournal implements Journal {

    private final JdbcClient jdbc;
    // the key of the current transaction's ledgers read ahead (readAhead), bound until the transaction completes
    private final Object aheadResource = new Object();

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
     * entries that reversed it. A ledger read ahead in the transaction ({@link #readAhead}) is answered from there,
     * once.
     */
    @Override
    public ClaimState claimState(String tenantId, String claimId) {
        KnownClaims.ClaimKey key = new KnownClaims.ClaimKey(tenantId, claimId);
        Map<KnownClaims.ClaimKey, ClaimState> ahead = readAhead();
        ClaimState known = ahead == null ? null : ahead.remove(key);
        if (known != null) {
            return known;
        }
        StateRows rows = new StateRows(key);
        jdbc.sql(STATE + """
                FROM (SELECT CAST(? AS text) AS tenant_id, CAST(? AS text) AS claim_id) k
                LEFT JOIN claim c ON c.tenant_id = k.tenant_id AND c.claim_id = k.claim_id
                LEFT JOIN (journal_entry e JOIN journal_line l ON l.entry_id = e.id)
                    ON e.tenant_id = k.tenant_id AND e.claim_id = k.claim_id
                ORDER BY e.id, l.line_no""").params(tenantId, claimId).query(rows);
        return rows.state(key);
    }

    /**
     * Reads the claims' ledgers (as {@link #claimState}) in one statement for the rest of the transaction, once per
     * transaction: a listener poll's ledgers, read after the poll's accounts are locked (issue 22: a statement per
     * answer before). Each is answered once, as read here, by the transaction's first {@link #claimState} of its
     * claim; one the transaction writes an entry on first (or on whose entries it writes a reversal) is read again.
     */
    void readAhead(Collection<KnownClaims.ClaimKey> ledgers) {
        if (ledgers.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive() || readAhead() != null) {
            return;
        }
        Map<KnownClaims.ClaimKey, ClaimState> states = new HashMap<>();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(aheadResource);
            }
        });
        TransactionSynchronizationManager.bindResource(aheadResource, states);
        StateRows rows = new StateRows(null);
        jdbc.sql(STATE + """
                , k.tenant_id, k.claim_id
                FROM unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS k (tenant_id, claim_id, n)
                LEFT JOIN claim c ON c.tenant_id = k.tenant_id AND c.claim_id = k.claim_id
                LEFT JOIN (journal_entry e JOIN journal_line l ON l.entry_id = e.id)
                    ON e.tenant_id = k.tenant_id AND e.claim_id = k.claim_id
                ORDER BY k.n, e.id, l.line_no""")
                .params(
                        ledgers.stream().map(KnownClaims.ClaimKey::tenantId).toArray(String[]::new),
                        ledgers.stream().map(KnownClaims.ClaimKey::claimId).toArray(String[]::new))
                .query(rows);
        for (KnownClaims.ClaimKey ledger : ledgers) {
            states.put(ledger, rows.state(ledger));
        }
    }

    // the ledgers read ahead in the current transaction and not asked for yet; null when none were read
    @SuppressWarnings("unchecked")
    private Map<KnownClaims.ClaimKey, ClaimState> readAhead() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Map<KnownClaims.ClaimKey, ClaimState>) TransactionSynchronizationManager.getResource(aheadResource)
                : null;
    }

    // a ledger read ahead that a write changes is read again
    private void changed(String tenantId, Posting posting) {
        Map<KnownClaims.ClaimKey, ClaimState> ahead = readAhead();
        if (ahead == null || ahead.isEmpty()) {
            return;
        }
        ahead.remove(new KnownClaims.ClaimKey(tenantId, posting.claimId()));
        if (!posting.reverses().isEmpty()) {
            ahead.values()
                    .removeIf(state -> state.ledger().entries().stream()
                            .anyMatch(e -> posting.reverses().contains(e.id())));
        }
    }

    // a claim's row and its ledger's lines (columns 1-13), then for a read of several claims the claim's key (14, 15)
    private static final String STATE = """
            SELECT c.superseded_by, c.total_charge, c.pending_payer_name,
                   e.id, e.kind, e.trace_number, e.claim_status, e.effective_date,
                   (SELECT coalesce(string_agg(r.reversing_entry_id::text, ','), '') FROM journal_entry_reversal r
                    WHERE r.reversed_entry_id = e.id) AS reversed_by,
                   l.ledger_account, l.claim_id, l.component, l.amount
            """;

    /** The rows of {@link #STATE}: for one claim ({@code single}), or for several, each row naming its claim. */
    private static final class StateRows implements RowCallbackHandler {

        private final KnownClaims.ClaimKey single;
        private final Map<KnownClaims.ClaimKey, Object[]> claims = new HashMap<>();
        private final Map<KnownClaims.ClaimKey, Map<Long, Object[]>> heads = new HashMap<>();
        private final Map<KnownClaims.ClaimKey, Map<Long, List<JournalLine>>> lines = new HashMap<>();

        StateRows(KnownClaims.ClaimKey single) {
            this.single = single;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            KnownClaims.ClaimKey key =
                    single != null ? single : new KnownClaims.ClaimKey(rs.getString(14), rs.getString(15));
            if (!claims.containsKey(key)) {
                claims.put(key, new Object[] {rs.getString(1), rs.getBigDecimal(2), rs.getString(3)});
            }
            long id = rs.getLong(4);
            if (rs.wasNull()) {
                return; // nothing posted on the claim
            }
            heads.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(id, k -> head(rs));
            lines.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(id, k -> new ArrayList<>())
                    .add(line(rs));
        }

        ClaimState state(KnownClaims.ClaimKey key) {
            Object[] claim = claims.getOrDefault(key, new Object[3]);
            List<PostedEntry> entries = new ArrayList<>();
            Map<Long, List<JournalLine>> entryLines = lines.getOrDefault(key, Map.of());
            heads.getOrDefault(key, Map.of())
                    .forEach((id, h) -> entries.add(new PostedEntry(
                            id,
                            (EntryKind) h[0],
                            (String) h[1],
                            (String) h[2],
                            (LocalDate) h[3],
                            reversedBy((String) h[4]),
                            entryLines.get(id))));
            return new ClaimState(
                    new ClaimLedger(key.claimId(), entries, (String) claim[0]), (BigDecimal) claim[1], (String)
                            claim[2]);
        }
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
        changed(tenantId, posting);
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
