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
public final class BillingEvents {

    private BillingEvents() {}

    public static ClaimSubmitted claimSubmitted(String tenant, String claimId, String encounterId, String mrn) {
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
    public static PaymentPosted primary(String tenant, String claimId, String encounterId, String trace) {
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
    public static PaymentPosted reversal(String tenant, String claimId, String encounterId, String trace) {
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

    public static PaymentPosted remittance(
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

    public static final io.claimflow.events.Payer MEDICAID = io.claimflow.events.Payer.newBuilder()
            .setPayerId("MCD01")
            .setName("Ohio Medicaid")
            .build();
    static final io.claimflow.events.Payer TRICARE = io.claimflow.events.Payer.newBuilder()
            .setPayerId("TRI01")
            .setName("Tricare For Life")
            .build();

    /**
     * A later payer's claim for the visit (secondary or tertiary): it carries the earlier payers' adjudication, which
     * is how patient-billing knows it bills the same visit again.
     */
    public static ClaimSubmitted laterPayersClaim(
            String tenant, String claimId, String encounterId, String mrn, io.claimflow.events.Payer payer) {
        ClaimSubmitted event = claimSubmitted(tenant, claimId, encounterId, mrn);
        io.claimflow.events.Payer primary = event.getCoverage().getPayer();
        event.getCoverage().setPayer(payer);
        event.setPriorPayerAdjudications(List.of(io.claimflow.events.PriorPayerAdjudication.newBuilder()
                .setResponsibility(io.claimflow.events.PayerResponsibility.PRIMARY)
                .setPayer(primary)
                .setPayerClaimNumber("ICN-1")
                .setAdjudicationDate(java.time.LocalDate.of(2026, 3, 31))
                .setPaidAmount(new BigDecimal("168.40"))
                .setRemainingPatientLiability(new BigDecimal("85.10"))
                .setClaimAdjustments(List.of())
                .setLines(List.of())
                .build()));
        return event;
    }

    /**
     * A later payer's remittance of the 350.00 visit: the full charge, its payment, its own contractual write-off
     * and patient share, and OA-23 for what the earlier payers settled (the rest).
     */
    public static PaymentPosted laterPayer(
            String tenant,
            String claimId,
            String encounterId,
            String trace,
            io.claimflow.events.Payer payer,
            ClaimStatus status,
            String statusCode,
            String paid,
            String contractual,
            String copay,
            io.claimflow.events.Payer nextPayer) {
        PaymentPosted event = remittance(
                tenant,
                claimId,
                encounterId,
                trace,
                status,
                statusCode,
                "350.00",
                paid,
                contractual,
                "0.00",
                "0.00",
                copay,
                "0.00");
        BigDecimal priorPayers = new BigDecimal("350.00")
                .subtract(new BigDecimal(paid))
                .subtract(new BigDecimal(contractual))
                .subtract(new BigDecimal(copay));
        event.getLines().get(0).getAdjustments().add(new Adjustment(AdjustmentGroupCode.OA, "23", priorPayers));
        event.getLines().get(0).setAllowedAmount(null);
        event.setPayer(payer);
        event.setNextPayer(nextPayer);
        return event;
    }

    /**
     * The four events of a two-payer visit of 350.00 (claims clm-p and clm-s, traces EFT-P and EFT-S): the primary's
     * claim; its remittance, which pays 168.40, writes off 96.50 (CO-45) and leaves 85.10 billed to Medicaid;
     * Medicaid's own claim, carrying the primary's adjudication; Medicaid's remittance, which pays 70.10, writes off
     * 10.00 and leaves the patient the 5.00 copay.
     */
    public record TwoPayerVisit(
            ClaimSubmitted primaryClaim,
            PaymentPosted primaryAnswer,
            ClaimSubmitted secondaryClaim,
            PaymentPosted secondaryAnswer) {}

    /** That visit's events for {@code encounterId} of patient {@code mrn}, each with a new event id. */
    public static TwoPayerVisit twoPayerVisit(String tenant, String encounterId, String mrn) {
        PaymentPosted primary = primary(tenant, "clm-p", encounterId, "EFT-P");
        primary.setNextPayer(MEDICAID);
        return new TwoPayerVisit(
                claimSubmitted(tenant, "clm-p", encounterId, mrn),
                primary,
                laterPayersClaim(tenant, "clm-s", encounterId, mrn, MEDICAID),
                laterPayer(
                        tenant,
                        "clm-s",
                        encounterId,
                        "EFT-S",
                        MEDICAID,
                        ClaimStatus.PROCESSED_AS_SECONDARY,
                        "2",
                        "70.10",
                        "10.00",
                        "5.00",
                        null));
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
