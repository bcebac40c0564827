package io.claimflow.patientbilling.account;

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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment plans of patient accounts: the balance split into monthly installments, one active plan per account, paid
 * down by the account's patient payments. Reaches the database through {@link PlanRecords}.
 */
@Service
public class PaymentPlans {

    /** A plan with its installments and where it stands. */
    public record Plan(
            long id,
            long accountId,
            BigDecimal total,
            String status,
            Instant createdAt,
            List<Installment> installments,
            PlanProgress progress) {}

    private final PlanRecords records;
    private final Journal journal;
    private final AccountQueries accounts;
    private final AuditTrail auditTrail;

    PaymentPlans(PlanRecords records, Journal journal, AccountQueries accounts, AuditTrail auditTrail) {
        this.records = records;
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
        records.saveActive(account.tenantId(), accountId, balance, installments);
        auditTrail.changed("payment-plan.created", "patient-account", Long.toString(accountId));
        return active(accountId, today).orElseThrow();
    }

    /** The account's active plan, with progress from the patient payments recorded since it was set up. */
    @Transactional(readOnly = true)
    public Optional<Plan> active(long accountId, LocalDate asOf) {
        return records.active(accountId).map(stored -> {
            BigDecimal paid = accounts.paymentsRecordedSince(accountId, stored.createdAt());
            return new Plan(
                    stored.id(),
                    accountId,
                    stored.total(),
                    stored.status(),
                    stored.createdAt(),
                    stored.installments(),
                    PlanProgress.of(stored.installments(), paid, asOf));
        });
    }

    /** What the active plan asks for by {@code date}, or null without a plan. */
    @Transactional(readOnly = true)
    public BigDecimal dueBy(long accountId, LocalDate date) {
        return active(accountId, date)
                .map(p -> PlanProgress.dueBy(p.installments(), p.progress().paid(), date))
                .orElse(null);
    }
}
