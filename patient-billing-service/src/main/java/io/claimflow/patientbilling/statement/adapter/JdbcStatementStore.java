package io.claimflow.patientbilling.statement.adapter;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.Statement;
import io.claimflow.patientbilling.statement.StatementLine;
import io.claimflow.patientbilling.statement.StatementStore;
import io.claimflow.patientbilling.statement.StoredStatement;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Statement runs, statements and their lines in PostgreSQL, and the claims' billing provider and procedure codes. */
@Repository
class JdbcStatementStore implements StatementStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcStatementStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    @Override
    public Optional<LocalDate> lastStatementDate(long accountId) {
        return jdbc.sql("SELECT max(statement_date) FROM statement WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .optional();
    }

    @Override
    public BigDecimal lastStatementBalance(long accountId) {
        return jdbc.sql(
                        "SELECT balance FROM statement WHERE account_id = ? ORDER BY statement_date DESC, id DESC LIMIT 1")
                .param(accountId)
                .query(BigDecimal.class)
                .optional()
                .orElse(Money.ZERO);
    }

    @Override
    public long saveRun(String tenantId, LocalDate asOf, int issued, int skipped) {
        return jdbc.sql("INSERT INTO statement_run (tenant_id, as_of, issued, skipped) VALUES (?, ?, ?, ?) "
                        + "RETURNING id")
                .params(tenantId, asOf, issued, skipped)
                .query(Long.class)
                .single();
    }

    @Override
    public long save(long runId, String tenantId, Statement s) {
        long id = jdbc.sql("""
                INSERT INTO statement (run_id, tenant_id, account_id, statement_date, due_date, previous_balance,
                    payments_since, credit, balance, minimum_due)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        runId,
                        tenantId,
                        s.accountId(),
                        s.statementDate(),
                        s.dueDate(),
                        s.previousBalance(),
                        s.paymentsSince(),
                        s.credit(),
                        s.balance(),
                        s.minimumDue())
                .query(Long.class)
                .single();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> payerRows = new ArrayList<>();
        int n = 1;
        for (StatementLine l : s.lines()) {
            int seq = 1;
            for (AccountQueries.PayerPart p : l.payers()) {
                payerRows.add(new Object[] {id, n, seq++, p.payerName(), p.paid(), p.adjustments()});
            }
            PatientShare share = l.patientShare();
            rows.add(new Object[] {
                id,
                n++,
                l.claimId(),
                l.encounterId(),
                l.serviceFrom(),
                l.serviceTo(),
                l.provider(),
                l.charge(),
                l.insurancePaid(),
                l.adjustments(),
                share.deductible(),
                share.coinsurance(),
                share.copay(),
                share.other(),
                l.patientPaid(),
                l.balance(),
                l.responsibleSince()
            });
        }
        template.batchUpdate("""
                INSERT INTO statement_line (statement_id, line_no, claim_id, encounter_id, service_from, service_to,
                    provider, charge, insurance_paid, adjustments, deductible, coinsurance, copay,
                    other_responsibility, patient_paid, balance, responsible_since)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        template.batchUpdate("""
                INSERT INTO statement_line_payer (statement_id, line_no, seq, payer_name, paid, adjustments)
                VALUES (?, ?, ?, ?, ?, ?)""", payerRows);
        return id;
    }

    @Override
    public Optional<StoredStatement> find(long id) {
        Map<Integer, List<AccountQueries.PayerPart>> payers = new HashMap<>();
        jdbc.sql("""
                SELECT line_no, payer_name, paid, adjustments FROM statement_line_payer
                WHERE statement_id = ? ORDER BY line_no, seq""")
                .param(id)
                .query((rs, n) -> payers.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                        .add(new AccountQueries.PayerPart(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4))))
                .list();
        List<StatementLine> lines = jdbc.sql("""
                SELECT line_no, claim_id, encounter_id, service_from, service_to, provider, charge, insurance_paid, adjustments,
                       deductible, coinsurance, copay, other_responsibility, patient_paid, balance, responsible_since
                FROM statement_line WHERE statement_id = ? ORDER BY line_no""")
                .param(id)
                .query((rs, n) -> new StatementLine(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8),
                        rs.getBigDecimal(9),
                        new PatientShare(
                                rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13)),
                        rs.getBigDecimal(14),
                        rs.getBigDecimal(15),
                        rs.getObject(16, LocalDate.class),
                        payers.getOrDefault(rs.getInt(1), List.of())))
                .list();
        return jdbc.sql("""
                SELECT s.id, s.run_id, s.tenant_id, s.account_id, s.statement_date, s.due_date, s.previous_balance,
                       s.payments_since, s.credit, s.balance, s.minimum_due
                FROM statement s WHERE s.id = ?""")
                .param(id)
                .query((rs, n) -> new StoredStatement(
                        rs.getLong(1),
                        (Long) rs.getObject(2),
                        rs.getString(3),
                        new Statement(
                                rs.getLong(4),
                                rs.getString(3) + "-" + rs.getLong(4),
                                rs.getObject(5, LocalDate.class),
                                rs.getObject(6, LocalDate.class),
                                rs.getBigDecimal(7),
                                rs.getBigDecimal(8),
                                rs.getBigDecimal(9),
                                rs.getBigDecimal(10),
                                rs.getBigDecimal(11),
                                lines)))
                .optional();
    }

    @Override
    public List<Long> ids(Long accountId, Long runId) {
        return jdbc.sql("""
                SELECT id FROM statement WHERE (CAST(:account AS bigint) IS NULL OR account_id = :account)
                  AND (CAST(:run AS bigint) IS NULL OR run_id = :run) ORDER BY statement_date DESC, id DESC LIMIT 500""")
                .param("account", accountId)
                .param("run", runId)
                .query(Long.class)
                .list();
    }

    @Override
    public Optional<String> latestBillingProvider(long accountId) {
        return jdbc.sql("SELECT billing_provider FROM claim WHERE account_id = ? ORDER BY submitted_at DESC LIMIT 1")
                .param(accountId)
                .query(String.class)
                .optional();
    }

    @Override
    public Map<String, List<String>> procedureCodes(String tenantId, List<String> claimIds) {
        if (claimIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT claim_id, procedure_codes FROM claim WHERE tenant_id = :tenant AND claim_id IN (:claims)")
                .param("tenant", tenantId)
                .param("claims", claimIds)
                .query((rs, n) -> Map.entry(
                        rs.getString(1), List.of((String[]) rs.getArray(2).getArray())))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public java.util.Set<String> selfPayClaims(String tenantId, List<String> claimIds) {
        if (claimIds.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("SELECT claim_id FROM claim WHERE tenant_id = :tenant AND claim_id IN "
                        + "(:claims) AND billed_to_patient")
                .param("tenant", tenantId)
                .param("claims", claimIds)
                .query(String.class)
                .list());
    }
}
