package io.claimflow.patientbilling.statement.adapter;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.OpenClaim;
import io.claimflow.patientbilling.account.PaymentPlans;
import io.claimflow.patientbilling.account.SmallBalanceWriteOff;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.Addressee;
import io.claimflow.patientbilling.statement.Practice;
import io.claimflow.patientbilling.statement.Statement;
import io.claimflow.patientbilling.statement.StatementCycle;
import io.claimflow.patientbilling.statement.StatementHtml;
import io.claimflow.patientbilling.statement.StatementLine;
import io.claimflow.patientbilling.statement.StatementPolicy;
import io.claimflow.patientbilling.statement.StatementText;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.money.Money;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Statement runs and the statements they issue, stored so that what was mailed can be shown again. */
@Service
public class Statements {

    /** The outcome of a run. */
    public record RunResult(
            long runId,
            String tenantId,
            LocalDate asOf,
            int issued,
            Map<StatementCycle.Decision, Integer> decisions,
            List<Long> statementIds) {}

    /** A stored statement and its account. */
    public record StoredStatement(long id, Long runId, String tenantId, Statement statement) {}

    private static final Logger log = LoggerFactory.getLogger(Statements.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Journal journal;
    private final AccountQueries accounts;
    private final PaymentPlans plans;
    private final StatementPolicy policy;
    private final AuditTrail auditTrail;
    private final java.util.Map<String, io.claimflow.patientbilling.config.PatientBillingProperties.PracticeSettings>
            practices;

    Statements(
            JdbcClient jdbc,
            JdbcTemplate template,
            Journal journal,
            AccountQueries accounts,
            PaymentPlans plans,
            StatementPolicy policy,
            AuditTrail auditTrail,
            io.claimflow.patientbilling.config.PatientBillingProperties properties) {
        this.practices = properties.practices();
        this.jdbc = jdbc;
        this.template = template;
        this.journal = journal;
        this.accounts = accounts;
        this.plans = plans;
        this.policy = policy;
        this.auditTrail = auditTrail;
    }

    /**
     * Decides for every account of the tenant with a balance and issues the statements due. One transaction on one
     * snapshot (repeatable read), so each statement adds up even while payments and remittances are posted.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public RunResult run(String tenantId, LocalDate asOf) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new InvalidInputException("tenantId is required");
        }
        Map<Long, List<OpenClaim>> open = accounts.openClaimsByAccount(tenantId);
        Map<StatementCycle.Decision, Integer> decisions = new EnumMap<>(StatementCycle.Decision.class);
        List<Statement> toIssue = new ArrayList<>();
        for (Map.Entry<Long, List<OpenClaim>> account : open.entrySet()) {
            long accountId = account.getKey();
            BigDecimal balance = Money.sum(
                    account.getValue().stream().map(OpenClaim::balance).toList());
            Optional<LocalDate> last = lastStatementDate(accountId);
            StatementCycle.Decision decision = StatementCycle.decide(balance, last.orElse(null), asOf, policy);
            decisions.merge(decision, 1, Integer::sum);
            if (decision == StatementCycle.Decision.ISSUE) {
                toIssue.add(build(accountId, asOf, last.orElse(null)));
            } else if (decision == StatementCycle.Decision.WRITTEN_OFF) {
                writeOff(tenantId, accountId, asOf);
            }
        }
        long runId = jdbc.sql("INSERT INTO statement_run (tenant_id, as_of, issued, skipped) VALUES (?, ?, ?, ?) "
                        + "RETURNING id")
                .params(tenantId, asOf, toIssue.size(), open.size() - toIssue.size())
                .query(Long.class)
                .single();
        List<Long> ids = new ArrayList<>();
        for (Statement statement : toIssue) {
            ids.add(store(runId, tenantId, statement));
        }
        auditTrail.changed("statement-run.issued", "statement-run", Long.toString(runId));
        log.info(
                "statement run {} for tenant {} as of {}: {} issued, {}", runId, tenantId, asOf, ids.size(), decisions);
        return new RunResult(runId, tenantId, asOf, ids.size(), decisions, ids);
    }

    // On the run's snapshot: a payment committed during the run is not seen, so the account may end with that payment
    // as credit, still reconciled to the cent.
    private void writeOff(String tenantId, long accountId, LocalDate asOf) {
        SmallBalanceWriteOff.writeOff(
                        accounts.openClaims(accountId), accounts.credit(accountId), policy.smallBalanceWriteOff(), asOf)
                .ifPresent(posting -> {
                    long entry = journal.write(tenantId, accountId, posting, Journal.Source.NONE);
                    log.info("small balance of patient account {} written off as journal entry {}", accountId, entry);
                });
    }

    private Optional<LocalDate> lastStatementDate(long accountId) {
        return jdbc.sql("SELECT max(statement_date) FROM statement WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .optional();
    }

    private Statement build(long accountId, LocalDate asOf, LocalDate lastStatement) {
        AccountQueries.Account account = accounts.require(accountId);
        List<OpenClaim> open = accounts.openClaims(accountId);
        Map<String, LocalDate> since = new java.util.HashMap<>();
        open.forEach(c -> since.put(c.claimId(), c.responsibleSince()));
        List<StatementLine> lines =
                accounts
                        .claimFigures(
                                accountId, open.stream().map(OpenClaim::claimId).toList())
                        .stream()
                        .map(f -> new StatementLine(
                                f.claimId(),
                                f.encounterId(),
                                f.serviceFrom(),
                                f.serviceTo(),
                                f.provider(),
                                f.charge(),
                                f.insurancePaid(),
                                f.adjustments(),
                                f.share(),
                                f.share().total().subtract(f.balance()),
                                f.balance(),
                                since.get(f.claimId())))
                        .sorted(java.util.Comparator.comparing(StatementLine::responsibleSince)
                                .thenComparing(StatementLine::claimId))
                        .toList();
        BigDecimal credit = accounts.credit(accountId);
        BigDecimal balance =
                Money.sum(lines.stream().map(StatementLine::balance).toList()).add(credit);
        BigDecimal previous = lastStatement == null
                ? Money.ZERO
                : jdbc.sql(
                                "SELECT balance FROM statement WHERE account_id = ? ORDER BY statement_date DESC, id DESC LIMIT 1")
                        .param(accountId)
                        .query(BigDecimal.class)
                        .single();
        LocalDate due = asOf.plusDays(policy.dueInDays());
        BigDecimal minimum = StatementCycle.minimumDue(balance, plans.dueBy(accountId, due), policy);
        return new Statement(
                accountId,
                account.accountNumber(),
                asOf,
                due,
                previous,
                accounts.paymentsAfter(accountId, lastStatement),
                credit,
                balance,
                minimum,
                lines);
    }

    private long store(long runId, String tenantId, Statement s) {
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
        int n = 1;
        for (StatementLine l : s.lines()) {
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
        return id;
    }

    public StoredStatement require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("statement " + id + " does not exist"));
    }

    public Optional<StoredStatement> find(long id) {
        List<StatementLine> lines = jdbc.sql("""
                SELECT claim_id, encounter_id, service_from, service_to, provider, charge, insurance_paid, adjustments,
                       deductible, coinsurance, copay, other_responsibility, patient_paid, balance, responsible_since
                FROM statement_line WHERE statement_id = ? ORDER BY line_no""")
                .param(id)
                .query((rs, n) -> new StatementLine(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8),
                        new PatientShare(
                                rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12)),
                        rs.getBigDecimal(13),
                        rs.getBigDecimal(14),
                        rs.getObject(15, LocalDate.class)))
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

    /** Statements of an account, newest first, or of a run. */
    public List<Long> ids(Long accountId, Long runId) {
        if (accountId == null && runId == null) {
            throw new InvalidInputException("give accountId or runId");
        }
        return jdbc.sql("""
                SELECT id FROM statement WHERE (CAST(:account AS bigint) IS NULL OR account_id = :account)
                  AND (CAST(:run AS bigint) IS NULL OR run_id = :run) ORDER BY statement_date DESC, id DESC LIMIT 500""")
                .param("account", accountId)
                .param("run", runId)
                .query(Long.class)
                .list();
    }

    /** The statement as printed: plain text, or an HTML page. */
    public String printable(StoredStatement stored, boolean html) {
        AccountQueries.Account account = accounts.require(stored.statement().accountId());
        Practice practice = practice(account);
        Addressee to = new Addressee(account.guarantorName(), account.addressLines());
        return html
                ? StatementHtml.render(stored.statement(), to, practice)
                : StatementText.render(stored.statement(), to, practice.name());
    }

    /** The statement as a PDF document, with the procedures billed per visit and its aging as of its date. */
    public byte[] pdf(StoredStatement stored) {
        AccountQueries.Account account = accounts.require(stored.statement().accountId());
        Addressee to = new Addressee(account.guarantorName(), account.addressLines());
        return StatementPdf.render(stored, to, practice(account), procedures(stored));
    }

    /** The tenant's practice as configured, else the claims' billing provider by name. */
    private Practice practice(AccountQueries.Account account) {
        var configured = practices.get(account.tenantId());
        if (configured != null
                && configured.name() != null
                && !configured.name().isBlank()) {
            return new Practice(configured.name(), configured.address(), configured.phone(), configured.remitTo());
        }
        return Practice.named(payableTo(account));
    }

    private String payableTo(AccountQueries.Account account) {
        return jdbc.sql("""
                SELECT billing_provider FROM claim WHERE account_id = ? ORDER BY submitted_at DESC LIMIT 1""").param(account.id()).query(String.class).optional().orElse(account.tenantId());
    }

    private Map<String, List<String>> procedures(StoredStatement stored) {
        Map<String, List<String>> byClaim = new java.util.HashMap<>();
        for (StatementLine line : stored.statement().lines()) {
            List<String> codes = jdbc.sql("""
                    SELECT unnest(procedure_codes) FROM claim WHERE tenant_id = ? AND claim_id = ?""")
                    .params(stored.tenantId(), line.claimId())
                    .query(String.class)
                    .list();
            byClaim.put(line.claimId(), codes);
        }
        return byClaim;
    }
}
