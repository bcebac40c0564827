package io.claimflow.patientbilling.account.adapter;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.OpenClaim;
import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.ledger.ResponsibilityKind;
import io.claimflow.platform.money.Money;
import io.claimflow.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link AccountQueries} in PostgreSQL: reads patient accounts, their balances and ledger lines from the journal. */
@Repository
class JdbcAccountQueries implements AccountQueries {

    private static final String PATIENT_BALANCE_ACCOUNTS = "('PATIENT_RECEIVABLE', 'PATIENT_CREDIT')";

    private final JdbcClient jdbc;

    JdbcAccountQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> account(long id) {
        return jdbc.sql("""
                SELECT id, tenant_id, patient_ref, guarantor_name, address_line1, address_line2, city, state,
                       postal_code FROM patient_account WHERE id = ?""")
                .param(id)
                .query((rs, n) -> {
                    List<String> lines = new ArrayList<>();
                    if (rs.getString(5) != null) {
                        lines.add(rs.getString(5));
                    }
                    if (rs.getString(6) != null) {
                        lines.add(rs.getString(6));
                    }
                    if (rs.getString(7) != null) {
                        String zip = rs.getString(9);
                        if (zip != null && zip.matches("\\d{9}")) {
                            zip = zip.substring(0, 5) + "-" + zip.substring(5); // ZIP+4 as printed on mail
                        }
                        lines.add(rs.getString(7) + ", " + rs.getString(8) + " " + zip);
                    }
                    return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), lines);
                })
                .optional();
    }

    public Account require(long id) {
        return account(id).orElseThrow(() -> new NotFoundException("patient account " + id + " does not exist"));
    }

    /** What the patient owes: responsibility minus payments and adjustments, net of credit. */
    public BigDecimal balance(long accountId) {
        return jdbc.sql(
                        "SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                                + "WHERE e.account_id = ? AND l.ledger_account IN " + PATIENT_BALANCE_ACCOUNTS)
                .param(accountId)
                .query(BigDecimal.class)
                .single()
                .setScale(2);
    }

    /** Unapplied patient money on the account (zero or negative). */
    public BigDecimal credit(long accountId) {
        return jdbc.sql(
                        "SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id "
                                + "WHERE e.account_id = ? AND l.ledger_account = 'PATIENT_CREDIT'")
                .param(accountId)
                .query(BigDecimal.class)
                .single()
                .setScale(2);
    }

    /** Claims with a patient balance other than zero, with the date the patient became responsible. */
    public List<OpenClaim> openClaims(long accountId) {
        return jdbc.sql("""
                SELECT l.claim_id, sum(l.amount),
                       coalesce(min(e.effective_date) FILTER (WHERE l.component IS NOT NULL AND l.amount > 0),
                                min(e.effective_date))
                FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                WHERE e.account_id = ? AND l.ledger_account = 'PATIENT_RECEIVABLE'
                GROUP BY l.claim_id HAVING sum(l.amount) <> 0
                ORDER BY 3, 1""")
                .param(accountId)
                .query((rs, n) -> new OpenClaim(rs.getString(1), rs.getBigDecimal(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    /** Open claims and credit of every account of a tenant with a balance, for the aging report and statement runs. */
    public Map<Long, List<OpenClaim>> openClaimsByAccount(String tenantId) {
        Map<Long, List<OpenClaim>> byAccount = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT e.account_id, coalesce(l.claim_id, ''), l.ledger_account, sum(l.amount),
                       coalesce(min(e.effective_date) FILTER (WHERE l.component IS NOT NULL AND l.amount > 0),
                                min(e.effective_date))
                FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                WHERE e.tenant_id = ? AND l.ledger_account IN ('PATIENT_RECEIVABLE', 'PATIENT_CREDIT')
                GROUP BY e.account_id, l.claim_id, l.ledger_account HAVING sum(l.amount) <> 0
                ORDER BY 1, 5, 2""")
                .param(tenantId)
                .query((rs, n) -> {
                    long account = rs.getLong(1);
                    // credit is carried as an open item without a claim; Aging counts negatives as credit
                    String claim =
                            rs.getString(3).equals(LedgerAccount.PATIENT_CREDIT.name()) ? "(credit)" : rs.getString(2);
                    byAccount
                            .computeIfAbsent(account, k -> new ArrayList<>())
                            .add(new OpenClaim(claim, rs.getBigDecimal(4), rs.getObject(5, LocalDate.class)));
                    return null;
                })
                .list();
        return byAccount;
    }

    public List<LedgerLine> ledger(long accountId, int limit) {
        return jdbc.sql("""
                SELECT e.id, l.line_no, e.kind, e.effective_date, e.description, l.ledger_account, l.claim_id,
                       l.component, l.amount, e.posted_at
                FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
                WHERE e.account_id = ? ORDER BY e.id DESC, l.line_no LIMIT ?""")
                .params(accountId, limit)
                .query((rs, n) -> new LedgerLine(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getBigDecimal(9),
                        rs.getTimestamp(10).toInstant()))
                .list();
    }

    /** Accounts of a tenant whose balance lies within [min, max] (either may be null), by account id. */
    public List<AccountBalance> accounts(String tenantId, BigDecimal min, BigDecimal max, int page, int size) {
        return jdbc.sql(ACCOUNTS_WITH_BALANCE + " ORDER BY a.id LIMIT :size OFFSET :offset")
                .param("tenant", tenantId)
                .param("min", min)
                .param("max", max)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new AccountBalance(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4).setScale(2)))
                .list();
    }

    public long countAccounts(String tenantId, BigDecimal min, BigDecimal max) {
        return jdbc.sql("SELECT count(*) FROM (" + ACCOUNTS_WITH_BALANCE + ") x")
                .param("tenant", tenantId)
                .param("min", min)
                .param("max", max)
                .query(Long.class)
                .single();
    }

    private static final String ACCOUNTS_WITH_BALANCE = """
            SELECT a.id, a.tenant_id, a.patient_ref, coalesce(b.balance, 0) AS balance
            FROM patient_account a
            LEFT JOIN (SELECT e.account_id, sum(l.amount) AS balance
                       FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
                       WHERE e.tenant_id = :tenant AND l.ledger_account IN ('PATIENT_RECEIVABLE', 'PATIENT_CREDIT')
                       GROUP BY e.account_id) b ON b.account_id = a.id
            WHERE a.tenant_id = :tenant
              AND (CAST(:min AS numeric) IS NULL OR coalesce(b.balance, 0) >= CAST(:min AS numeric))
              AND (CAST(:max AS numeric) IS NULL OR coalesce(b.balance, 0) <= CAST(:max AS numeric))""";

    /** Per-claim figures of the account's claims with an open patient balance. */
    public List<ClaimFigures> claimFigures(long accountId, List<String> claimIds) {
        if (claimIds.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, BigDecimal>> sums = new LinkedHashMap<>();
        Map<String, Map<ResponsibilityKind, BigDecimal>> shares = new LinkedHashMap<>();
        Map<String, List<PayerPart>> payers = payerParts(accountId, claimIds);
        jdbc.sql("""
                SELECT l.claim_id, l.ledger_account, l.component, sum(l.amount)
                FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                WHERE e.account_id = :account AND l.claim_id IN (:claims)
                GROUP BY 1, 2, 3""")
                .param("account", accountId)
                .param("claims", claimIds)
                .query((rs, n) -> {
                    String claim = rs.getString(1);
                    sums.computeIfAbsent(claim, k -> new LinkedHashMap<>())
                            .merge(rs.getString(2), rs.getBigDecimal(4), BigDecimal::add);
                    if (rs.getString(3) != null) {
                        shares.computeIfAbsent(claim, k -> new EnumMap<>(ResponsibilityKind.class))
                                .merge(
                                        ResponsibilityKind.valueOf(rs.getString(3)),
                                        rs.getBigDecimal(4),
                                        BigDecimal::add);
                    }
                    return null;
                })
                .list();
        return jdbc.sql("""
                SELECT claim_id, encounter_id, service_from, service_to, rendering_provider, billing_provider
                FROM claim WHERE account_id = :account AND claim_id IN (:claims)""")
                .param("account", accountId)
                .param("claims", claimIds)
                .query((rs, n) -> {
                    String claim = rs.getString(1);
                    Map<String, BigDecimal> s = sums.getOrDefault(claim, Map.of());
                    return new ClaimFigures(
                            claim,
                            rs.getString(2),
                            rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class),
                            rs.getString(5),
                            rs.getString(6),
                            get(s, LedgerAccount.GROSS_CHARGES).negate(),
                            get(s, LedgerAccount.INSURANCE_CASH),
                            get(s, LedgerAccount.CONTRACTUAL_ADJUSTMENT).add(get(s, LedgerAccount.OTHER_ADJUSTMENT)),
                            PatientShare.of(shares.getOrDefault(claim, Map.of())),
                            get(s, LedgerAccount.PATIENT_RECEIVABLE),
                            payers.getOrDefault(claim, List.of()));
                })
                .list();
    }

    /** Each payer's part of the claims' visits, from the remittances (and their reversals) posted on them. */
    private Map<String, List<PayerPart>> payerParts(long accountId, List<String> claimIds) {
        Map<String, List<PayerPart>> parts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT e.claim_id, coalesce(e.payer_name, 'insurance'),
                    coalesce(sum(l.amount) FILTER (WHERE l.ledger_account = 'INSURANCE_CASH'), 0),
                    coalesce(sum(l.amount) FILTER (WHERE l.ledger_account IN ('CONTRACTUAL_ADJUSTMENT',
                        'OTHER_ADJUSTMENT')), 0)
                FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
                WHERE e.account_id = :account AND e.claim_id IN (:claims)
                  AND e.kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL')
                GROUP BY 1, 2 ORDER BY 1, min(e.id)""")
                .param("account", accountId)
                .param("claims", claimIds)
                .query((rs, n) -> parts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new PayerPart(
                                rs.getString(2),
                                rs.getBigDecimal(3).setScale(2),
                                rs.getBigDecimal(4).setScale(2))))
                .list();
        return parts;
    }

    @Override
    public List<PendingWithInsurance> pendingWithInsurance(long accountId) {
        return jdbc.sql("""
                SELECT c.claim_id, c.encounter_id, c.service_from, coalesce(c.pending_payer_name, 'other insurance'),
                    sum(l.amount)
                FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                JOIN claim c ON c.tenant_id = e.tenant_id AND c.claim_id = l.claim_id
                WHERE e.account_id = ? AND l.ledger_account = 'OTHER_INSURANCE_RECEIVABLE'
                GROUP BY 1, 2, 3, 4 HAVING sum(l.amount) <> 0 ORDER BY 3, 1""")
                .param(accountId)
                .query((rs, n) -> new PendingWithInsurance(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getString(4),
                        rs.getBigDecimal(5).setScale(2)))
                .list();
    }

    /** Patient payments received on the account after {@code after} (all when null). */
    public BigDecimal paymentsAfter(long accountId, LocalDate after) {
        return jdbc.sql("""
                SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                WHERE e.account_id = ? AND l.ledger_account = 'PATIENT_CASH'
                  AND (CAST(? AS date) IS NULL OR e.effective_date > CAST(? AS date))""")
                .params(accountId, after, after)
                .query(BigDecimal.class)
                .single()
                .setScale(2);
    }

    /** Statements issued to the account since the patient last paid (all statements when never). */
    public int statementsSinceLastPayment(long accountId) {
        return jdbc.sql("""
                SELECT count(*) FROM statement s WHERE s.account_id = :account
                  AND s.statement_date >= coalesce((SELECT max(e.effective_date) FROM journal_entry e
                      WHERE e.account_id = :account AND e.kind = 'PATIENT_PAYMENT') + 1, DATE '0001-01-01')""")
                .param("account", accountId)
                .query(Long.class)
                .single()
                .intValue();
    }

    /** Patient payments recorded on the account since {@code since}. */
    public BigDecimal paymentsRecordedSince(long accountId, Instant since) {
        return jdbc.sql("""
                SELECT coalesce(sum(l.amount), 0) FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
                WHERE e.account_id = ? AND l.ledger_account = 'PATIENT_CASH' AND e.posted_at >= ?""")
                .params(accountId, java.sql.Timestamp.from(since))
                .query(BigDecimal.class)
                .single()
                .setScale(2);
    }

    private static BigDecimal get(Map<String, BigDecimal> sums, LedgerAccount account) {
        return sums.getOrDefault(account.name(), Money.ZERO).setScale(2);
    }
}
