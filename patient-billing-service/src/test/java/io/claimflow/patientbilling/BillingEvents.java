package io.claimflow.patientbilling;

import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimStatus;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.PatientResponsibility;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.json.Samples;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events for the tests, built from the samples in schemas/samples with the test's own ids and figures. */
final class BillingEvents {

    private BillingEvents() {}

    static ClaimSubmitted claimSubmitted(String tenant, String claimId, String encounterId, String mrn) {
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setTenantId(tenant);
        event.setClaimId(claimId);
        event.setEncounterId(encounterId);
        event.getPatient().setMrn(mrn);
        return event;
    }

    /**
     * A primary remittance: charge 350.00, paid 168.40, CO-45 96.50, PR-1 deductible 50.00, PR-2 coinsurance 21.10,
     * PR-3 copay 14.00 (patient owes 85.10).
     */
    static PaymentPosted primary(String tenant, String claimId, String encounterId, String trace) {
        return remittance(
                tenant,
                claimId,
                encounterId,
                trace,
                ClaimStatus.PROCESSED_AS_PRIMARY,
                "1",
                "350.00",
                "168.40",
                "96.50",
                "50.00",
                "21.10",
                "14.00",
                "0.00");
    }

    /** The payer's reversal (claim status 22) of {@link #primary}. */
    static PaymentPosted reversal(String tenant, String claimId, String encounterId, String trace) {
        return remittance(
                tenant,
                claimId,
                encounterId,
                trace,
                ClaimStatus.REVERSAL,
                "22",
                "-350.00",
                "-168.40",
                "-96.50",
                "-50.00",
                "-21.10",
                "-14.00",
                "0.00");
    }

    static PaymentPosted remittance(
            String tenant,
            String claimId,
            String encounterId,
            String trace,
            ClaimStatus status,
            String statusCode,
            String charge,
            String paid,
            String contractual,
            String deductible,
            String coinsurance,
            String copay,
            String other) {
        PaymentPosted event = Samples.load(PaymentPosted.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setTenantId(tenant);
        event.setClaimId(claimId);
        event.setEncounterId(encounterId);
        event.setTraceNumber(trace);
        event.setClaimStatus(status);
        event.setClaimStatusCode(statusCode);
        event.setChargeAmount(new BigDecimal(charge));
        event.setPaidAmount(new BigDecimal(paid));
        event.setContractualAdjustment(new BigDecimal(contractual));
        BigDecimal total = new BigDecimal(deductible)
                .add(new BigDecimal(coinsurance))
                .add(new BigDecimal(copay))
                .add(new BigDecimal(other));
        event.setPatientResponsibility(new PatientResponsibility(
                new BigDecimal(deductible),
                new BigDecimal(coinsurance),
                new BigDecimal(copay),
                new BigDecimal(other),
                total));
        LineAdjudication line = event.getLines().get(0);
        line.setChargeAmount(new BigDecimal(charge));
        line.setPaidAmount(new BigDecimal(paid));
        line.setAllowedAmount(new BigDecimal(paid).add(total));
        List<Adjustment> adjustments = new ArrayList<>();
        adjustments.add(new Adjustment(AdjustmentGroupCode.CO, "45", new BigDecimal(contractual)));
        addPr(adjustments, "1", deductible);
        addPr(adjustments, "2", coinsurance);
        addPr(adjustments, "3", copay);
        addPr(adjustments, "96", other);
        line.setAdjustments(adjustments);
        event.setLines(new ArrayList<>(List.of(line)));
        return event;
    }

    private static void addPr(List<Adjustment> adjustments, String carc, String amount) {
        if (new BigDecimal(amount).signum() != 0) {
            adjustments.add(new Adjustment(AdjustmentGroupCode.PR, carc, new BigDecimal(amount)));
        }
    }

    /** An adjudicated denial of a non-covered service: PR-96 for the whole 204.00 charge. */
    static ClaimDenied nonCovered(String tenant, String claimId, String encounterId, String trace) {
        ClaimDenied event = Samples.load(ClaimDenied.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setOccurredAt(Instant.now());
        event.setTenantId(tenant);
        event.setClaimId(claimId);
        event.setEncounterId(encounterId);
        event.setTraceNumber(trace);
        event.setCategory(io.claimflow.events.DenialCategory.OTHER);
        event.setTotalCharge(new BigDecimal("204.00"));
        LineAdjudication line = event.getLines().get(0);
        line.setChargeAmount(new BigDecimal("204.00"));
        line.setAdjustments(
                new ArrayList<>(List.of(new Adjustment(AdjustmentGroupCode.PR, "96", new BigDecimal("204.00")))));
        return event;
    }
}
