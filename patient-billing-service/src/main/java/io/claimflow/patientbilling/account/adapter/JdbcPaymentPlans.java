package io.claimflow.patientbilling.account.adapter;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.PaymentPlans;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.patientbilling.plan.Installment;
import io.claimflow.patientbilling.plan.InstallmentSchedule;
import io.claimflow.patientbilling.plan.PlanProgress;
import io.claimflow.platform.audit.AuditTrail;
import io.claimflow.platform.validation.InvalidInputException;
import io.claimflow.platform.web.ConflictException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Payment plans: the account's balance split into monthly installments; one active plan per account. */
@Service
class JdbcPaymentPlans implements PaymentPlans {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Journal journal;
    private final AccountQueries accounts;
    private final AuditTrail auditTrail;

    JdbcPaymentPlans(
            JdbcClient jdbc, JdbcTemplate template, Journal journal, AccountQueries accounts, AuditTrail auditTrail) {
        this.jdbc = jdbc;
        this.template = template;
        this.journal = journal;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public Plan create(long accountId, int installmentCount, LocalDate firstDueDate, LocalDate today) {
        AccountQueries.Account account = accounts.require(accountId);
        journal.lockAccount(accountId);
        if (active(accountId, today).isPresent()) {
            throw new ConflictException("patient account " + accountId + " already has an active payment plan");
        }
        BigDecimal balance = accounts.balance(accountId);
        if (balance.signum() <= 0) {
            throw new InvalidInputException("the patient account has no balance to put on a plan");
        }
        if (firstDueDate.isBefore(today)) {
            throw new InvalidInputException("the first installment cannot be due in the past");
        }
        List<Installment> installments = InstallmentSchedule.split(balance, installmentCount, firstDueDate);
        long planId = jdbc.sql("""
                INSERT INTO payment_plan (tenant_id, account_id, total, installment_count, status)
                VALUES (?, ?, ?, ?, 'ACTIVE') RETURNING id""")
                .params(account.tenantId(), accountId, balance, installmentCount)
                .query(Long.class)
                .single();
        template.batchUpdate(
                "INSERT INTO payment_plan_installment (plan_id, number, due_date, amount) VALUES (?, ?, ?, ?)",
                installments.stream()
                        .map(i -> new Object[] {planId, i.number(), i.dueDate(), i.amount()})
                        .toList());
        auditTrail.changed("payment-plan.created", "patient-account", Long.toString(accountId));
        return active(accountId, today).orElseThrow();
    }

    /** The account's active plan, with progress from the patient payments recorded since it was set up. */
    public Optional<Plan> active(long accountId, LocalDate asOf) {
        return jdbc.sql(
                        "SELECT id, total, status, created_at FROM payment_plan WHERE account_id = ? AND status = 'ACTIVE'")
                .param(accountId)
                .query((rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getBigDecimal(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()
                })
                .optional()
                .map(row -> {
                    long id = (Long) row[0];
                    Instant created = (Instant) row[3];
                    List<Installment> installments = jdbc.sql("SELECT number, due_date, amount "
                                    + "FROM payment_plan_installment WHERE plan_id = ? ORDER BY number")
                            .param(id)
                            .query((rs, n) -> new Installment(
                                    rs.getInt(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)))
                            .list();
                    BigDecimal paid = accounts.paymentsRecordedSince(accountId, created);
                    return new Plan(
                            id,
                            accountId,
                            (BigDecimal) row[1],
                            (String) row[2],
                            created,
                            installments,
                            PlanProgress.of(installments, paid, asOf));
                });
    }

    /** What the active plan asks for by {@code date}, or null without a plan. */
    public BigDecimal dueBy(long accountId, LocalDate date) {
        return active(accountId, date)
                .map(p -> PlanProgress.dueBy(p.installments(), p.progress().paid(), date))
                .orElse(null);
    }
}
