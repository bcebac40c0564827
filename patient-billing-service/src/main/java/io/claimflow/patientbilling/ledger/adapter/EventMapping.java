package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.DenialStage;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.ledger.Denial;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.ledger.Remittance;
import io.claimflow.patientbilling.ledger.ResponsibilityKind;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Maps the Avro events to the ledger's domain records; a field the ledger cannot do without is an error here. */
final class EventMapping {

    private EventMapping() {}

    static Remittance remittance(PaymentPosted e) {
        require(e.getTenantId(), "tenantId");
        require(e.getClaimId(), "claimId");
        require(e.getTraceNumber(), "traceNumber");
        var pr = e.getPatientResponsibility();
        PatientShare share = new PatientShare(pr.getDeductible(), pr.getCoinsurance(), pr.getCopay(), pr.getOther());
        BigDecimal otherAdjustments = Money.sum(adjustments(e.getClaimAdjustments(), e.getLines())
                .filter(a -> a.getGroupCode() != AdjustmentGroupCode.CO && a.getGroupCode() != AdjustmentGroupCode.PR)
                .map(Adjustment::getAmount)
                .toList());
        return new Remittance(
                e.getEventId(),
                e.getTenantId(),
                e.getEncounterId(),
                e.getClaimId(),
                e.getTraceNumber(),
                status(e),
                e.getClaimStatusCode(),
                e.getPaymentDate(),
                e.getChargeAmount(),
                e.getPaidAmount(),
                e.getContractualAdjustment(),
                otherAdjustments,
                share,
                pr.getTotal(),
                e.getPayer() == null ? null : e.getPayer().getName(),
                e.getNextPayer() == null ? null : e.getNextPayer().getName());
    }

    private static Remittance.Status status(PaymentPosted e) {
        return switch (e.getClaimStatus()) {
            case PROCESSED_AS_PRIMARY, PROCESSED_AS_PRIMARY_FORWARDED -> Remittance.Status.PRIMARY;
            case PROCESSED_AS_SECONDARY,
                    PROCESSED_AS_SECONDARY_FORWARDED,
                    PROCESSED_AS_TERTIARY,
                    PROCESSED_AS_TERTIARY_FORWARDED -> Remittance.Status.SECONDARY;
            case DENIED -> Remittance.Status.DENIED;
            case REVERSAL -> Remittance.Status.REVERSAL;
            case PREDETERMINATION, NOT_OUR_CLAIM_FORWARDED -> Remittance.Status.NO_PAYMENT;
            case OTHER -> Remittance.Status.UNKNOWN;
        };
    }

    static Denial denial(ClaimDenied e) {
        require(e.getTenantId(), "tenantId");
        require(e.getClaimId(), "claimId");
        Map<ResponsibilityKind, BigDecimal> byKind = new EnumMap<>(ResponsibilityKind.class);
        adjustments(e.getClaimAdjustments(), e.getLines())
                .filter(a -> a.getGroupCode() == AdjustmentGroupCode.PR)
                .forEach(a -> byKind.merge(
                        ResponsibilityKind.ofReasonCode(a.getReasonCode()), a.getAmount(), BigDecimal::add));
        return new Denial(
                e.getEventId(),
                e.getTenantId(),
                e.getEncounterId(),
                e.getClaimId(),
                e.getTraceNumber(),
                e.getStage() == DenialStage.ADJUDICATED,
                e.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                e.getTotalCharge(),
                PatientShare.of(byKind),
                e.getPaidInSameRemittance());
    }

    private static Stream<Adjustment> adjustments(List<Adjustment> claimLevel, List<LineAdjudication> lines) {
        List<Adjustment> all = new ArrayList<>(claimLevel);
        lines.forEach(l -> all.addAll(l.getAdjustments()));
        return all.stream();
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }
}
