package io.claimflow.payersimulator.adjudication;

import java.math.BigDecimal;
import java.util.List;

/**
 * One CLP loop of an 835: an adjudicated claim paid whole, one part of it (some of its lines: a split payment), or
 * its reversal (CLP02 22, every amount negated, as a payer takes back an original it replaces).
 */
public record ClaimPayment(
        Adjudication adjudication, String statusCode, boolean reversal, List<Adjudication.Line> lines) {

    public ClaimPayment {
        lines = List.copyOf(lines);
    }

    public static ClaimPayment whole(Adjudication adjudication) {
        return new ClaimPayment(adjudication, adjudication.statusCode(), false, adjudication.lines());
    }

    public static ClaimPayment reversalOf(Adjudication adjudication) {
        return new ClaimPayment(adjudication, "22", true, adjudication.lines());
    }

    /** The same claim with only {@code part} of its lines. */
    public ClaimPayment part(List<Adjudication.Line> part) {
        return new ClaimPayment(adjudication, statusCode, reversal, part);
    }

    public boolean whole() {
        return lines.size() == adjudication.lines().size();
    }

    /** CLP03: the claim's charge, or its lines' charges for a part. */
    public BigDecimal charge() {
        BigDecimal charge = whole()
                ? adjudication.claim().totalCharge()
                : lines.stream().map(l -> l.line().charge()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return signed(charge);
    }

    /** CLP04. */
    public BigDecimal paid() {
        return signed(lines.stream().map(Adjudication.Line::paid).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** CLP05: the patient's share (group PR adjustments). */
    public BigDecimal patientResponsibility() {
        return signed(lines.stream()
                .flatMap(l -> l.adjustments().stream())
                .filter(c -> c.group().equals("PR"))
                .map(Adjudication.Cas::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    public BigDecimal signed(BigDecimal amount) {
        return reversal ? amount.negate() : amount;
    }
}
