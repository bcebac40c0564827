package io.claimflow.adjudication.claim.adapter;

import io.claimflow.adjudication.claim.ClaimEvents;
import io.claimflow.adjudication.claim.Notices;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimStatus;
import io.claimflow.events.CodeSystem;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.PatientResponsibility;
import io.claimflow.events.Payer;
import io.claimflow.events.PaymentMethod;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RejectionReason;
import io.claimflow.events.ResponseTransaction;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link ClaimEvents} as Avro ClaimDenied / PaymentPosted through the platform's transactional outbox. */
@Component
class OutboxClaimEvents implements ClaimEvents {

    private final OutboxWriter outbox;
    private final Clock clock;

    OutboxClaimEvents(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void denied(Notices.Denial denial) {
        Notices.ClaimRef claim = denial.claim();
        ClaimDenied event = ClaimDenied.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setEncounterId(claim.encounterId())
                .setCausationId(claim.submittedEventId())
                .setTenantId(claim.tenantId())
                .setClaimId(claim.claimId())
                .setPatientControlNumber(denial.patientControlNumber())
                .setStage(DenialStage.valueOf(denial.stage().name()))
                .setSource(ResponseTransaction.valueOf(denial.source().name()))
                .setPayer(payer(claim.payerId(), claim.payerName()))
                .setPayerClaimNumber(denial.payerClaimNumber())
                .setTraceNumber(denial.traceNumber())
                .setCategory(DenialCategory.valueOf(denial.category().name()))
                .setTotalCharge(money(claim.totalCharge()))
                .setClaimAdjustments(adjustments(denial.claimAdjustments()))
                .setRemarkCodes(List.copyOf(denial.remarkCodes()))
                .setLines(lines(denial.lines()))
                .setRejections(denial.rejections().stream()
                        .map(r -> RejectionReason.newBuilder()
                                .setCode(r.code())
                                .setDescription(r.description())
                                .setLocation(r.location())
                                .build())
                        .toList())
                .setPayerText(denial.payerText())
                .setPaidInSameRemittance(denial.paidInSameRemittance())
                .build();
        outbox.append(Topics.CLAIM_DENIED, claim.encounterId(), event);
    }

    @Override
    public void paid(Notices.Payment payment) {
        Notices.ClaimRef claim = payment.claim();
        Notices.PatientShare share = payment.patientShare();
        PaymentPosted event = PaymentPosted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setEncounterId(claim.encounterId())
                .setCausationId(claim.submittedEventId())
                .setTenantId(claim.tenantId())
                .setClaimId(claim.claimId())
                .setPatientControlNumber(payment.patientControlNumber())
                .setPayer(payer(payment.payerId(), payment.payerName()))
                .setPayerClaimNumber(payment.payerClaimNumber() == null ? "" : payment.payerClaimNumber())
                .setPaymentDate(payment.paymentDate())
                .setTraceNumber(payment.traceNumber())
                .setPaymentMethod(PaymentMethod.valueOf(payment.paymentMethod()))
                .setClaimStatus(claimStatus(payment.claimStatusCode()))
                .setClaimStatusCode(payment.claimStatusCode())
                .setChargeAmount(money(payment.chargeAmount()))
                .setPaidAmount(money(payment.paidAmount()))
                .setPatientResponsibility(PatientResponsibility.newBuilder()
                        .setDeductible(money(share.deductible()))
                        .setCoinsurance(money(share.coinsurance()))
                        .setCopay(money(share.copay()))
                        .setOther(money(share.other()))
                        .setTotal(money(share.total()))
                        .build())
                .setContractualAdjustment(money(payment.contractualAdjustment()))
                .setClaimAdjustments(adjustments(payment.claimAdjustments()))
                .setRemarkCodes(List.copyOf(payment.remarkCodes()))
                .setLines(lines(payment.lines()))
                .setNextPayer(
                        payment.nextPayer() == null
                                ? null
                                : payer(
                                        payment.nextPayer().payerId(),
                                        payment.nextPayer().payerName()))
                .build();
        outbox.append(Topics.PAYMENT_POSTED, claim.encounterId(), event);
    }

    static ClaimStatus claimStatus(String clp02) {
        return switch (clp02) {
            case "1" -> ClaimStatus.PROCESSED_AS_PRIMARY;
            case "2" -> ClaimStatus.PROCESSED_AS_SECONDARY;
            case "3" -> ClaimStatus.PROCESSED_AS_TERTIARY;
            case "4" -> ClaimStatus.DENIED;
            case "19" -> ClaimStatus.PROCESSED_AS_PRIMARY_FORWARDED;
            case "20" -> ClaimStatus.PROCESSED_AS_SECONDARY_FORWARDED;
            case "21" -> ClaimStatus.PROCESSED_AS_TERTIARY_FORWARDED;
            case "22" -> ClaimStatus.REVERSAL;
            case "23" -> ClaimStatus.NOT_OUR_CLAIM_FORWARDED;
            case "25" -> ClaimStatus.PREDETERMINATION;
            default -> ClaimStatus.OTHER;
        };
    }

    private static Payer payer(String payerId, String name) {
        return Payer.newBuilder()
                .setPayerId(payerId)
                .setName(name == null ? payerId : name)
                .setAddress(null)
                .build();
    }

    private static List<Adjustment> adjustments(List<Notices.Adjustment> adjustments) {
        return adjustments.stream()
                .map(a -> Adjustment.newBuilder()
                        .setGroupCode(groupCode(a.groupCode()))
                        .setReasonCode(a.reasonCode())
                        .setAmount(money(a.amount()))
                        .build())
                .toList();
    }

    private static AdjustmentGroupCode groupCode(String code) {
        try {
            return AdjustmentGroupCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return AdjustmentGroupCode.OA;
        }
    }

    private static List<LineAdjudication> lines(List<Notices.Line> lines) {
        return lines.stream()
                .map(l -> LineAdjudication.newBuilder()
                        .setLineNumber(l.lineNumber())
                        .setLineItemControlNumber(l.lineItemControlNumber())
                        .setProcedureCode(l.procedureCode())
                        .setCodeSystem(CodeSystem.valueOf(l.codeSystem()))
                        .setModifiers(List.copyOf(l.modifiers()))
                        .setDateOfService(l.dateOfService())
                        // the event's units are whole: a decimal SVC05 (1.5) goes out rounded half up
                        .setUnits(l.units().setScale(0, RoundingMode.HALF_UP).intValueExact())
                        .setChargeAmount(money(l.chargeAmount()))
                        .setAllowedAmount(l.allowedAmount() == null ? null : money(l.allowedAmount()))
                        .setPaidAmount(money(l.paidAmount()))
                        .setAdjustments(adjustments(l.adjustments()))
                        .setRemarkCodes(List.copyOf(l.remarkCodes()))
                        .build())
                .toList();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
