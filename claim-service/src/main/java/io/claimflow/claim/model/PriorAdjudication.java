package io.claimflow.claim.model;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * How an earlier payer in the visit's payment order adjudicated it, carried on the next payer's claim (837P loop
 * 2320 with 2330B, and loop 2430 per line). Built from that payer's remittance.
 *
 * @param payerSequence the earlier payer's place in the payment order: 1 primary, 2 secondary
 * @param remainingPatientLiability what the patient owed after that payer (CLP05)
 * @param sourceClaimId the claim that payer adjudicated
 * @param sourceEventId the PaymentPosted it came from
 */
public record PriorAdjudication(
        int payerSequence,
        String payerId,
        String payerName,
        String payerClaimNumber,
        LocalDate adjudicationDate,
        BigDecimal paidAmount,
        BigDecimal remainingPatientLiability,
        List<Adjustment> claimAdjustments,
        List<Line> lines,
        String sourceClaimId,
        String sourceEventId) {

    public PriorAdjudication {
        claimAdjustments = List.copyOf(claimAdjustments);
        lines = List.copyOf(lines);
    }

    /** One CAS adjustment: group (CO, PR, OA, PI, CR), CARC, amount. */
    public record Adjustment(String groupCode, String reasonCode, BigDecimal amount) {}

    /** That payer's adjudication of one of the claim's lines (matched by line number). */
    public record Line(
            int lineNumber,
            String procedureCode,
            List<String> modifiers,
            int units,
            BigDecimal chargeAmount,
            BigDecimal allowedAmount,
            BigDecimal paidAmount,
            List<Adjustment> adjustments,
            List<String> remarkCodes) {

        public Line {
            modifiers = List.copyOf(modifiers);
            adjustments = List.copyOf(adjustments);
            remarkCodes = List.copyOf(remarkCodes);
        }

        /** Paid plus every adjustment of the line. */
        public BigDecimal accountedFor() {
            return paidAmount.add(
                    Money.sum(adjustments.stream().map(Adjustment::amount).toList()));
        }
    }

    /** The X12 responsibility (SBR01) of that payer: PRIMARY, SECONDARY or TERTIARY. */
    public String responsibility() {
        return responsibilityOf(payerSequence);
    }

    public static String responsibilityOf(int payerSequence) {
        return switch (payerSequence) {
            case 1 -> "PRIMARY";
            case 2 -> "SECONDARY";
            case 3 -> "TERTIARY";
            default -> throw new IllegalArgumentException("payer sequence " + payerSequence + " is not 1-3");
        };
    }

    /** Every adjustment, claim level and line level. */
    public List<Adjustment> allAdjustments() {
        List<Adjustment> all = new java.util.ArrayList<>(claimAdjustments);
        lines.forEach(l -> all.addAll(l.adjustments()));
        return all;
    }

    /** The patient-responsibility (PR) adjustments added up. */
    public BigDecimal patientAdjustments() {
        return Money.sum(allAdjustments().stream()
                .filter(a -> "PR".equals(a.groupCode()))
                .map(Adjustment::amount)
                .toList());
    }
}
