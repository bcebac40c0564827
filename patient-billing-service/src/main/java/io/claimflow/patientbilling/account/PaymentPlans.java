package io.claimflow.patientbilling.account;

import io.claimflow.patientbilling.plan.Installment;
import io.claimflow.patientbilling.plan.PlanProgress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Payment plans of patient accounts: one active plan per account, paid down by the account's patient payments. */
public interface PaymentPlans {

    /** A plan with its installments and where it stands. */
    public record Plan(
            long id,
            long accountId,
            BigDecimal total,
            String status,
            Instant createdAt,
            List<Installment> installments,
            PlanProgress progress) {}

    Plan create(long accountId, int installmentCount, LocalDate firstDueDate, LocalDate today);

    /** The account's active plan, with progress from the patient payments recorded since it was set up. */
    Optional<Plan> active(long accountId, LocalDate asOf);

    /** What the active plan asks for by {@code date}, or null without a plan. */
    BigDecimal dueBy(long accountId, LocalDate date);
}
