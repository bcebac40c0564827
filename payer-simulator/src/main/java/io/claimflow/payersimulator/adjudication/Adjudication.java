package io.claimflow.payersimulator.adjudication;

import java.math.BigDecimal;
import java.util.List;

/**
 * How the simulator adjudicated one claim: the 835 CLP loop it will send; crossoverPayerId/Name the payer it was
 * forwarded to (CLP02 19, NM1*TT), null when none.
 */
public record Adjudication(
        SubmittedClaim claim,
        String payerClaimNumber,
        String statusCode,
        BigDecimal paid,
        BigDecimal patientResponsibility,
        List<Line> lines,
        String crossoverPayerId,
        String crossoverPayerName) {

    public Adjudication {
        lines = List.copyOf(lines);
    }

    /** Not forwarded to another payer. */
    public Adjudication(
            SubmittedClaim claim,
            String payerClaimNumber,
            String statusCode,
            BigDecimal paid,
            BigDecimal patientResponsibility,
            List<Line> lines) {
        this(claim, payerClaimNumber, statusCode, paid, patientResponsibility, lines, null, null);
    }

    /** Processed as primary and forwarded to that payer (crossover): CLP02 19. */
    public Adjudication forwardedTo(String payerId, String payerName) {
        return new Adjudication(claim, payerClaimNumber, "19", paid, patientResponsibility, lines, payerId, payerName);
    }

    /** One adjudicated line: allowed is null for a denied line. */
    public record Line(
            SubmittedClaim.Line line,
            BigDecimal allowed,
            BigDecimal paid,
            List<Cas> adjustments,
            List<String> remarks) {

        public Line {
            adjustments = List.copyOf(adjustments);
            remarks = List.copyOf(remarks);
        }
    }

    /** One CAS adjustment. */
    public record Cas(String group, String reason, BigDecimal amount) {}
}
