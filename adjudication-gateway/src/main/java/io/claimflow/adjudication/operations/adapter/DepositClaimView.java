package io.claimflow.adjudication.operations.adapter;

import io.claimflow.adjudication.response.Remittances;
import io.claimflow.adjudication.x12.Remittance;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One CLP of a deposit as the REST API shows it: what was posted, how it was matched, and its adjudication as the
 * payer sent it: the claim's adjustments (CAS: group, CARC, amount) and remark codes (RARC, MOA/MIA), each service
 * line's codes, dates, units, charge, allowed and paid amounts with its own adjustments and remark codes (issue 21
 * item 3). No patient data: the member id and patient name the CLP carried are left out. {@code lines},
 * {@code adjustments} and {@code remarkCodes} are empty for a CLP posted before the gateway kept CLPs as read
 * ({@code adjudicationKept} false).
 */
record DepositClaimView(
        String claimId,
        String patientControlNumber,
        String payerClaimNumber,
        String statusCode,
        BigDecimal charge,
        BigDecimal paid,
        BigDecimal patientResponsibility,
        String outcome,
        BigDecimal overpaidAmount,
        String matchedBy,
        String matchedByUser,
        boolean adjudicationKept,
        List<Adjustment> adjustments,
        List<String> remarkCodes,
        List<Line> lines) {

    /** One CAS adjustment: group (CO, PR, OA, PI, CR), reason code (CARC) and amount. */
    record Adjustment(String group, String reasonCode, BigDecimal amount) {}

    /** One service line (loop 2110) as adjudicated. */
    record Line(
            String lineItemControlNumber,
            String procedureCode,
            List<String> modifiers,
            LocalDate dateOfService,
            BigDecimal units,
            BigDecimal charge,
            BigDecimal allowed,
            BigDecimal paid,
            List<Adjustment> adjustments,
            List<String> remarkCodes) {}

    static DepositClaimView of(Remittances.DepositClaim c) {
        Remittance.ClaimPayment clp = c.adjudication();
        return new DepositClaimView(
                c.claimId(),
                c.patientControlNumber(),
                c.payerClaimNumber(),
                c.statusCode(),
                c.charge(),
                c.paid(),
                c.patientResponsibility(),
                c.outcome(),
                c.overpaidAmount(),
                c.matchedBy(),
                c.matchedByUser(),
                clp != null,
                clp == null ? List.of() : adjustments(clp.adjustments()),
                clp == null ? List.of() : clp.remarkCodes(),
                clp == null
                        ? List.of()
                        : clp.lines().stream().map(DepositClaimView::line).toList());
    }

    private static Line line(Remittance.ServicePayment s) {
        return new Line(
                s.lineItemControlNumber(),
                s.procedureCode(),
                s.modifiers(),
                s.dateOfService(),
                s.units(),
                s.chargeAmount(),
                s.allowedAmount(),
                s.paidAmount(),
                adjustments(s.adjustments()),
                s.remarkCodes());
    }

    private static List<Adjustment> adjustments(List<Remittance.Cas> cas) {
        return cas.stream()
                .map(a -> new Adjustment(a.group(), a.reason(), a.amount()))
                .toList();
    }
}
