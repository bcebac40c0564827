package io.claimflow.patientbilling.account;

import io.claimflow.patientbilling.plan.Installment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where payment plans and their installments are kept. */
public interface PlanRecords {

    /** A stored plan with its installments in order. */
    record StoredPlan(long id, BigDecimal total, String status, Instant createdAt, List<Installment> installments) {}

    /** Records an active plan over {@code total} with its installments; returns its id. */
    long saveActive(String tenantId, long accountId, BigDecimal total, List<Installment> installments);

    /** The account's active plan, if it has one. */
    Optional<StoredPlan> active(long accountId);
}
