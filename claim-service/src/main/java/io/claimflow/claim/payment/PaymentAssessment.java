package io.claimflow.claim.payment;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a remittance means for the claim, to the cent: what the payer paid, what the patient owes (PR), what is
 * written off by contract (CO-45 and the like), what was denied, and so the status it leaves the claim in. Refuses a
 * remittance that does not balance (charge = paid + every claim and line adjustment).
 *
 * <p>{@code priorPayer} is the part of {@code contractual} a later payer adjusted for the earlier payers'
 * adjudication (CARC 23, "impact of prior payer adjudication", typically OA-23): it closes the later payer's own
 * claim, but the earlier payers' payments and adjustments already account for those dollars of the visit, so the
 * visit's money never counts it again.
 */
public record PaymentAssessment(
        BigDecimal paid,
        BigDecimal patientResponsibility,
        BigDecimal contractual,
        BigDecimal denied,
        ClaimStatus outcome,
        BigDecimal priorPayer) {

    /** CARC 23: the impact of prior payer(s) adjudication including payments and/or adjustments. */
    public static final String PRIOR_PAYER_CARC = "23";

    /**
     * @throws IllegalArgumentException when the remittance does not balance or its amounts are not whole cents
     */
    public static PaymentAssessment of(PaymentNotice notice, CarcTable table) {
        List<AdjustmentCode> all = new ArrayList<>(notice.claimAdjustments());
        notice.lines().forEach(l -> all.addAll(l.adjustments()));
        BigDecimal paid = Money.of(notice.paidAmount());
        BigDecimal charge = Money.of(notice.chargeAmount());
        BigDecimal patient = BigDecimal.ZERO;
        BigDecimal contractual = BigDecimal.ZERO;
        BigDecimal denied = BigDecimal.ZERO;
        BigDecimal priorPayer = BigDecimal.ZERO;
        for (AdjustmentCode adjustment : all) {
            BigDecimal amount = Money.of(adjustment.amount());
            if ("PR".equals(adjustment.groupCode())) {
                // whatever the CARC, a PR adjustment is billed to the patient
                patient = patient.add(amount);
            } else if (table.categoryOf(adjustment).isDenial()) {
                denied = denied.add(amount);
            } else {
                contractual = contractual.add(amount);
                if (PRIOR_PAYER_CARC.equals(adjustment.reasonCode())) {
                    priorPayer = priorPayer.add(amount);
                }
            }
        }
        BigDecimal adjustments = patient.add(contractual).add(denied);
        if (charge.compareTo(paid.add(adjustments)) != 0) {
            throw new IllegalArgumentException("Remittance for claim " + notice.claimId() + " does not balance: charge "
                    + charge + " != paid " + paid + " + adjustments " + Money.of(adjustments));
        }
        ClaimStatus outcome;
        if (notice.kind() == PaymentNotice.Kind.DENIED || (paid.signum() == 0 && denied.signum() > 0)) {
            outcome = ClaimStatus.DENIED;
        } else if (denied.signum() > 0) {
            outcome = ClaimStatus.PARTIALLY_PAID;
        } else {
            outcome = ClaimStatus.PAID;
        }
        return new PaymentAssessment(
                paid, Money.of(patient), Money.of(contractual), Money.of(denied), outcome, Money.of(priorPayer));
    }
}
