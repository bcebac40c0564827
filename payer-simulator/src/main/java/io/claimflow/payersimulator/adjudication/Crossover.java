package io.claimflow.payersimulator.adjudication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Crossover (a Medicare payer forwarding a claim to a Medicaid or Medigap payer): a payer configured to cross over
 * to the claim's next payer pays the claim as primary with CLP02 19 and NM1*TT naming that payer, which then
 * adjudicates the same claim (same patient control number) as secondary, with the primary's adjudication as its
 * prior payer's, and sends its own 835 (CLP02 2).
 */
final class Crossover {

    private Crossover() {}

    /**
     * The payer the claim is forwarded to: the claim is billed as primary to a payer in {@code crossovers}, was not
     * denied, and names as secondary (loop 2320 SBR01 S, not adjudicated yet) one of its crossover partners.
     */
    static Optional<SubmittedClaim.OtherPayer> target(
            Map<String, List<String>> crossovers, SubmittedClaim claim, Adjudication adjudication) {
        List<String> partners =
                claim.payerId() == null ? List.of() : crossovers.getOrDefault(claim.payerId(), List.of());
        if (partners.isEmpty() || !"1".equals(adjudication.statusCode())) {
            return Optional.empty();
        }
        return claim.otherPayers().stream()
                .filter(o -> "S".equals(o.payerSequence()) && !o.adjudicated() && partners.contains(o.payerId()))
                .findFirst();
    }

    /**
     * The claim as the secondary payer sees it after a crossover: its own member id and payer, SBR01 S, the
     * primary's adjudication as other payer (claim level: paid, patient liability; per line: paid and CAS).
     */
    static SubmittedClaim secondaryClaim(Adjudication primary, SubmittedClaim.OtherPayer secondary) {
        SubmittedClaim claim = primary.claim();
        List<SubmittedClaim.OtherPayer> others = new ArrayList<>();
        others.add(new SubmittedClaim.OtherPayer(
                "P",
                claim.memberId(),
                claim.payerId(),
                claim.payerName(),
                primary.paid(),
                primary.patientResponsibility(),
                List.of(),
                primary.payerClaimNumber()));
        claim.otherPayers().stream()
                .filter(o -> !o.payerId().equals(secondary.payerId()))
                .forEach(others::add);
        List<SubmittedClaim.Line> lines = new ArrayList<>();
        for (Adjudication.Line line : primary.lines()) {
            SubmittedClaim.Line billed = line.line();
            lines.add(new SubmittedClaim.Line(
                    billed.procedureCode(),
                    billed.modifiers(),
                    billed.charge(),
                    billed.units(),
                    billed.diagnosisPointers(),
                    billed.dateOfService(),
                    billed.lineItemControlNumber(),
                    billed.hasNdc(),
                    List.of(new SubmittedClaim.PriorLine(
                            claim.payerId(),
                            line.paid(),
                            line.adjustments().stream()
                                    .map(c -> new SubmittedClaim.Cas(c.group(), c.reason(), c.amount()))
                                    .toList()))));
        }
        return new SubmittedClaim(
                claim.transactionControlNumber(),
                claim.patientControlNumber(),
                claim.totalCharge(),
                claim.frequencyCode(),
                "S",
                null,
                claim.priorAuthorization(),
                secondary.memberId(),
                claim.patientLastName(),
                claim.patientFirstName(),
                claim.billingName(),
                claim.billingNpi(),
                claim.billingTaxId(),
                claim.diagnoses(),
                lines,
                secondary.payerId(),
                secondary.payerName(),
                others);
    }
}
