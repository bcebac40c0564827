package io.claimflow.adjudication.response;

import io.claimflow.adjudication.x12.Remittance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The 835 balancing rules (docs/architecture.md, section 6): each service line's charge = paid + its adjustments; each
 * claim's charge = paid + claim and line adjustments, and its patient responsibility (CLP05) = its PR adjustments;
 * the payment (BPR02, negative for a debit) = the claims' payments - the provider-level adjustments (PLB).
 */
public final class Balancing {

    private Balancing() {}

    /** Every rule the remittance breaks, in words; empty when it balances. */
    public static List<String> problems(Remittance remittance) {
        List<String> problems = new ArrayList<>();
        String where = "835 transaction " + remittance.transactionControlNumber();
        BigDecimal paidTotal = BigDecimal.ZERO;
        int index = 0;
        for (Remittance.ClaimPayment claim : remittance.claims()) {
            index++;
            String claimWhere = where + " claim " + index + " (CLP01 " + claim.patientControlNumber() + ")";
            BigDecimal claimAdjustments = sum(claim.adjustments());
            BigDecimal lineAdjustments = BigDecimal.ZERO;
            BigDecimal patient = prSum(claim.adjustments());
            int lineIndex = 0;
            for (Remittance.ServicePayment line : claim.lines()) {
                lineIndex++;
                BigDecimal adjustments = sum(line.adjustments());
                lineAdjustments = lineAdjustments.add(adjustments);
                patient = patient.add(prSum(line.adjustments()));
                if (line.chargeAmount().compareTo(line.paidAmount().add(adjustments)) != 0) {
                    problems.add(String.format(
                            "%s line %d: charge %s != paid %s + adjustments %s",
                            claimWhere, lineIndex, line.chargeAmount(), line.paidAmount(), adjustments));
                }
            }
            BigDecimal accounted = claim.paidAmount().add(claimAdjustments).add(lineAdjustments);
            if (claim.chargeAmount().compareTo(accounted) != 0) {
                problems.add(String.format(
                        "%s: charge %s != paid %s + adjustments %s",
                        claimWhere, claim.chargeAmount(), claim.paidAmount(), claimAdjustments.add(lineAdjustments)));
            }
            if (claim.patientResponsibility().compareTo(patient) != 0) {
                problems.add(String.format(
                        "%s: patient responsibility CLP05 %s != PR adjustments %s",
                        claimWhere, claim.patientResponsibility(), patient));
            }
            paidTotal = paidTotal.add(claim.paidAmount());
        }
        BigDecimal providerAdjustments = remittance.providerAdjustments().stream()
                .map(Remittance.ProviderAdjustment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal payment = "D".equals(remittance.creditDebit())
                ? remittance.paymentAmount().negate()
                : remittance.paymentAmount();
        BigDecimal expected = paidTotal.subtract(providerAdjustments);
        if (payment.compareTo(expected) != 0) {
            problems.add(String.format(
                    "%s: BPR02 payment %s != claim payments %s - provider adjustments %s (= %s)",
                    where, payment, paidTotal, providerAdjustments, expected));
        }
        return problems;
    }

    private static BigDecimal sum(List<Remittance.Cas> adjustments) {
        return adjustments.stream().map(Remittance.Cas::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal prSum(List<Remittance.Cas> adjustments) {
        return adjustments.stream()
                .filter(a -> "PR".equals(a.group()))
                .map(Remittance.Cas::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
