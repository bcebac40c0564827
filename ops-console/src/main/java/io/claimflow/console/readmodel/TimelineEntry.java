package io.claimflow.console.readmodel;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event on an encounter's timeline. Carries ids, codes and money only: the summary never names the patient.
 * Fields that do not apply to the kind of event are null.
 */
public record TimelineEntry(
        String eventId,
        String topic,
        EventKind kind,
        String encounterId,
        String claimId,
        String tenantId,
        Instant occurredAt,
        String summary,
        Integer codingVersion,
        String frequency,
        String denialStage,
        String denialCategory,
        String carcs,
        String payerId,
        BigDecimal chargeAmount,
        BigDecimal paidAmount,
        BigDecimal patientResponsibility,
        BigDecimal contractualAdjustment) {}
