package io.claimflow.patientbilling.statement;

import io.claimflow.codes.ProcedureDescriptions;
import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.OpenClaim;
import io.claimflow.patientbilling.account.PaymentPlans;
import io.claimflow.patientbilling.account.SmallBalanceWriteOff;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.money.Money;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Statement runs and the statements they issue, stored so that what was mailed can be shown again, and each stored
 * statement as the document its renderers lay out. Reaches the database through {@link StatementStore}.
 */
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

    private static final Logger log = LoggerFactory.getLogger(Statements.class);

    private final StatementStore store;
    private final Journal journal;
    private final AccountQueries accounts;
    private final PaymentPlans plans;
    private final StatementPolicy policy;
    private final AuditTrail auditTrail;
    private final Practices practices;
    private final ProcedureDescriptions descriptions;

    Statements(
            StatementStore store,
            Journal journal,
            AccountQueries accounts,
            PaymentPlans plans,
            StatementPolicy policy,
            AuditTrail auditTrail,
            Practices practices,
            ProcedureDescriptions descriptions) {
        this.store = store;
        this.journal = journal;
        this.accounts = accounts;
        this.plans = plans;
        this.policy = policy;
        this.auditTrail = auditTrail;
        this.practices = practices;
        this.descriptions = descriptions;
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
            LocalDate last = store.lastStatementDate(accountId).orElse(null);
            StatementCycle.Decision decision = StatementCycle.decide(balance, last, asOf, policy);
            decisions.merge(decision, 1, Integer::sum);
            if (decision == StatementCycle.Decision.ISSUE) {
                toIssue.add(build(accountId, asOf, last));
            } else if (decision == StatementCycle.Decision.WRITTEN_OFF) {
                writeOff(tenantId, accountId, asOf);
            }
        }
        long runId = store.saveRun(tenantId, asOf, toIssue.size(), open.size() - toIssue.size());
        List<Long> ids = new ArrayList<>();
        for (Statement statement : toIssue) {
            ids.add(store.save(runId, tenantId, statement));
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

    private Statement build(long accountId, LocalDate asOf, LocalDate lastStatement) {
        AccountQueries.Account account = accounts.require(accountId);
        List<OpenClaim> open = accounts.openClaims(accountId);
        Map<String, LocalDate> since = new HashMap<>();
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
                                since.get(f.claimId()),
                                f.payers()))
                        .sorted(Comparator.comparing(StatementLine::responsibleSince)
                                .thenComparing(StatementLine::claimId))
                        .toList();
        BigDecimal credit = accounts.credit(accountId);
        BigDecimal balance =
                Money.sum(lines.stream().map(StatementLine::balance).toList()).add(credit);
        BigDecimal previous = lastStatement == null ? Money.ZERO : store.lastStatementBalance(accountId);
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

    @Transactional(readOnly = true)
    public StoredStatement require(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("statement " + id + " does not exist"));
    }

    /** Statements of an account, newest first, or of a run. */
    @Transactional(readOnly = true)
    public List<Long> ids(Long accountId, Long runId) {
        if (accountId == null && runId == null) {
            throw new InvalidInputException("give accountId or runId");
        }
        return store.ids(accountId, runId);
    }

    /**
     * The stored statement as the patient reads it: the practice, the mailing block, the visits with their procedures
     * described, the totals and the aging, assembled once for every renderer.
     */
    @Transactional(readOnly = true)
    public StatementDocument document(long id) {
        StoredStatement stored = require(id);
        AccountQueries.Account account = accounts.require(stored.statement().accountId());
        List<String> claimIds =
                stored.statement().lines().stream().map(StatementLine::claimId).toList();
        return StatementDocument.assemble(
                stored.id(),
                stored.statement(),
                practice(account),
                new Addressee(account.guarantorName(), account.addressLines()),
                store.procedureCodes(stored.tenantId(), claimIds),
                descriptions,
                store.selfPayClaims(stored.tenantId(), claimIds));
    }

    /** The tenant's practice as configured, else the latest claim's billing provider by name, else the tenant. */
    private Practice practice(AccountQueries.Account account) {
        return practices
                .of(account.tenantId())
                .orElseGet(() ->
                        Practice.named(store.latestBillingProvider(account.id()).orElse(account.tenantId())));
    }
}
