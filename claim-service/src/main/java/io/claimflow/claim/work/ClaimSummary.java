package io.claimflow.claim.work;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One claim in a list: ids, state and money, no patient data. */
public record ClaimSummary(
        String claimId,
        String encounterId,
        String tenantId,
        String status,
        String frequency,
        int codingVersion,
        boolean current,
        String payerId,
        String payerName,
        LocalDate dateOfService,
        BigDecimal totalCharge,
        BigDecimal paidAmount,
        BigDecimal balance,
        Instant submittedAt) {}
