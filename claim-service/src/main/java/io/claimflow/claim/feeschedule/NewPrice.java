package io.claimflow.claim.feeschedule;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A price to put into the chargemaster from {@code effectiveFrom} on. */
public record NewPrice(
        String tenantId,
        String procedureCode,
        String modifier,
        LocalDate effectiveFrom,
        BigDecimal amount,
        String description) {}
