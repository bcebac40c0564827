package io.claimflow.adjudication.claim;

import io.claimflow.codes.DenialCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What the gateway tells the rest of ClaimFlow about a claim's outcome, before it becomes an Avro event. */
public final class Notices {

    private Notices() {}

    /** The claim a notice is about, as the gateway holds it. */
    public record ClaimRef(
            String claimId,
            String encounterId,
            String tenantId,
            String submittedEventId,
            String payerId,
            String payerName,
            BigDecimal totalCharge) {}

    /** One adjustment: group code (CO, PR, OA, PI, CR), CARC, amount. */
    public record Adjustment(String groupCode, String reasonCode, BigDecimal amount) {}

    /** One adjudicated line; codeSystem is CPT or HCPCS; units as paid (SVC05), possibly decimal. */
    public record Line(
            Integer lineNumber,
            String lineItemControlNumber,
            String procedureCode,
            String codeSystem,
            List<String> modifiers,
            LocalDate dateOfService,
            BigDecimal units,
            BigDecimal chargeAmount,
            BigDecimal allowedAmount,
            BigDecimal paidAmount,
            List<Adjustment> adjustments,
            List<String> remarkCodes) {}

    /** A 999 or 277CA rejection reason. */
    public record Rejection(String code, String description, String location) {}

    /** Where a denial came from. */
    public enum Stage {
        FRONT_END_REJECTION,
        ADJUDICATED
    }

    /** The payer transaction that carried it. */
    public enum Source {
        X12_999,
        X12_277CA,
        X12_835
    }

    /**
     * A claim rejected at the front end or denied (wholly or some lines) in adjudication. paidInSameRemittance: the 835
     * that denied these lines paid the claim, and its payment (same trace) carries the whole patient share.
     */
    public record Denial(
            ClaimRef claim,
            String patientControlNumber,
            Stage stage,
            Source source,
            String payerClaimNumber,
            String traceNumber,
            DenialCategory category,
            List<Adjustment> claimAdjustments,
            List<String> remarkCodes,
            List<Line> lines,
            List<Rejection> rejections,
            String payerText,
            boolean paidInSameRemittance) {}

    /** Patient responsibility by kind; total is their sum. */
    public record PatientShare(BigDecimal deductible, BigDecimal coinsurance, BigDecimal copay, BigDecimal other) {

        public BigDecimal total() {
            return deductible.add(coinsurance).add(copay).add(other);
        }
    }

    /**
     * A remittance for one claim, posted. paymentMethod is CHECK, EFT, NON_PAYMENT or OTHER; nextPayer the payer that
     * answers next for the visit (null when this payer is the last).
     */
    public record Payment(
            ClaimRef claim,
            String patientControlNumber,
            String payerId,
            String payerName,
            String payerClaimNumber,
            LocalDate paymentDate,
            String traceNumber,
            String paymentMethod,
            String claimStatusCode,
            BigDecimal chargeAmount,
            BigDecimal paidAmount,
            PatientShare patientShare,
            BigDecimal contractualAdjustment,
            List<Adjustment> claimAdjustments,
            List<String> remarkCodes,
            List<Line> lines,
            NextPayer nextPayer) {}

    /** A payer by its id and name. */
    public record NextPayer(String payerId, String payerName) {}
}
