package io.claimflow.claim.feeschedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One price of the chargemaster.
 *
 * @param tenantId '*' for the default table every tenant falls back to
 * @param modifier '' for the price without a modifier
 * @param effectiveTo last day the price applies; null while open-ended
 */
public record FeeScheduleEntry(
        long id,
        String tenantId,
        String procedureCode,
        String modifier,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        BigDecimal amount,
        String description,
        String updatedBy,
        Instant updatedAt) {}
