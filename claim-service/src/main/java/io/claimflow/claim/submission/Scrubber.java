package io.claimflow.claim.submission;

import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimLine;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.model.ProviderRef;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.codes.Npi;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks a claim before anything leaves (the {@link ScrubRule}s). A claim with findings is held with them as its
 * reasons; none means it may be submitted. Messages say what to fix and name no patient data.
 */
public final class Scrubber {

    /**
     * What the rules need beyond the claim.
     *
     * @param timelyFilingDays the payer's filing window after the date of service
     * @param duplicateExists whether another live claim bills the same patient, date and services
     */
    public record Context(LocalDate today, int timelyFilingDays, boolean duplicateExists) {}

    public List<ScrubFinding> scrub(Claim claim, Context context) {
        List<ScrubFinding> findings = new ArrayList<>();
        requiredData(claim, findings);
        npis(claim, findings);
        String taxIdProblem = claim.billing() == null
                ? null
                : TaxId.problem(claim.billing().taxId(), claim.billing().taxIdType());
        if (taxIdProblem != null) {
            findings.add(ScrubFinding.of(ScrubRule.TAX_ID_FORMAT.name(), taxIdProblem));
        }
        diagnosisPointers(claim, findings);
        charges(claim, findings);
        coverage(claim, findings);
        dates(claim, context, findings);
        priorPayers(claim, findings);
        if (context.duplicateExists()) {
            findings.add(ScrubFinding.of(
                    ScrubRule.DUPLICATE_CLAIM.name(),
                    "another live claim bills the same patient, date of service and services"));
        }
        return List.copyOf(findings);
    }

    private static void requiredData(Claim claim, List<ScrubFinding> findings) {
        String rule = ScrubRule.REQUIRED_DATA.name();
        ProviderRef billing = claim.billing();
        if (billing == null || billing.npi() == null || billing.npi().isBlank()) {
            findings.add(ScrubFinding.of(rule, "billing provider NPI is missing"));
        }
        if (billing == null || !billing.hasStreetAddress()) {
            findings.add(ScrubFinding.of(rule, "billing provider street address is missing"));
        }
        if (claim.placeOfService() == null || !claim.placeOfService().matches("[0-9]{2}")) {
            findings.add(ScrubFinding.of(rule, "place of service must be a two-digit CMS code"));
        }
        if (claim.diagnoses().isEmpty()) {
            findings.add(ScrubFinding.of(rule, "the claim has no diagnosis"));
        } else if (claim.diagnoses().size() > 12) {
            findings.add(ScrubFinding.of(
                    rule,
                    "an 837P carries at most 12 diagnoses, the claim has "
                            + claim.diagnoses().size()));
        }
        if (claim.lines().isEmpty()) {
            findings.add(ScrubFinding.of(rule, "the claim has no service line"));
        } else if (claim.lines().size() > 50) {
            findings.add(ScrubFinding.of(
                    rule,
                    "an 837P carries at most 50 lines, the claim has "
                            + claim.lines().size()));
        }
        for (ClaimLine line : claim.lines()) {
            if (line.units() < 1) {
                findings.add(ScrubFinding.onLine(
                        rule, line.lineNumber(), "line " + line.lineNumber() + " must bill at least 1 unit"));
            }
            if (line.modifiers().size() > 4 || line.modifiers().stream().anyMatch(m -> !m.matches("[0-9A-Z]{2}"))) {
                findings.add(ScrubFinding.onLine(
                        rule,
                        line.lineNumber(),
                        "line " + line.lineNumber() + " must have at most 4 two-character modifiers"));
            }
        }
    }

    private static void npis(Claim claim, List<ScrubFinding> findings) {
        check("billing", claim.billing(), findings);
        check("rendering", claim.rendering(), findings);
        check("referring", claim.referring(), findings);
    }

    private static void check(String role, ProviderRef provider, List<ScrubFinding> findings) {
        if (provider == null || provider.npi() == null || provider.npi().isBlank()) {
            return; // a missing billing NPI is REQUIRED_DATA; rendering and referring are optional
        }
        if (!Npi.isValid(provider.npi())) {
            findings.add(ScrubFinding.of(
                    ScrubRule.NPI_CHECK_DIGIT.name(),
                    role + " provider NPI " + provider.npi()
                            + " fails the check digit (10 digits, Luhn with prefix 80840)"));
        }
    }

    private static void diagnosisPointers(Claim claim, List<ScrubFinding> findings) {
        int diagnoses = claim.diagnoses().size();
        for (ClaimLine line : claim.lines()) {
            List<Integer> pointers = line.diagnosisPointers();
            String problem = null;
            if (pointers.isEmpty() || pointers.size() > 4) {
                problem = "must point to 1-4 diagnoses, it points to " + pointers.size();
            } else if (new HashSet<>(pointers).size() != pointers.size()) {
                problem = "points to the same diagnosis twice";
            } else if (pointers.stream().anyMatch(p -> p < 1 || p > diagnoses)) {
                problem = "points to a diagnosis the claim does not have (it has " + diagnoses + ")";
            }
            if (problem != null) {
                findings.add(ScrubFinding.onLine(
                        ScrubRule.DIAGNOSIS_POINTERS.name(),
                        line.lineNumber(),
                        "line " + line.lineNumber() + " " + problem));
            }
        }
    }

    private static void charges(Claim claim, List<ScrubFinding> findings) {
        for (ClaimLine line : claim.lines()) {
            if (!line.priced()) {
                findings.add(ScrubFinding.onLine(
                        ScrubRule.CHARGE_FROM_FEE_SCHEDULE.name(),
                        line.lineNumber(),
                        "no fee schedule price for " + line.procedureCode()
                                + (line.modifiers().isEmpty() ? "" : " with modifiers " + line.modifiers())
                                + " on " + line.dateOfService() + " (line " + line.lineNumber() + ")"));
            }
        }
        var sum = Money.sum(claim.lines().stream()
                .filter(ClaimLine::priced)
                .map(ClaimLine::charge)
                .toList());
        if (claim.totalCharge() == null || claim.totalCharge().compareTo(sum) != 0) {
            findings.add(ScrubFinding.of(
                    ScrubRule.TOTAL_EQUALS_LINES.name(),
                    "total charge " + claim.totalCharge() + " differs from the sum of the lines " + sum));
        }
    }

    private static void coverage(Claim claim, List<ScrubFinding> findings) {
        String rule = ScrubRule.COVERAGE_ON_FILE.name();
        if (claim.coverage() == null) {
            findings.add(ScrubFinding.of(rule, "no coverage on the encounter: self-pay, bill the patient instead"));
            return;
        }
        if (claim.coverage().payerId() == null || claim.coverage().payerId().isBlank()) {
            findings.add(ScrubFinding.of(rule, "the coverage has no payer id"));
        }
        if (claim.coverage().memberId() == null || claim.coverage().memberId().isBlank()) {
            findings.add(ScrubFinding.of(rule, "the coverage has no member id"));
        }
    }

    private static void dates(Claim claim, Context context, List<ScrubFinding> findings) {
        LocalDate latest = claim.dateOfService();
        for (ClaimLine line : claim.lines()) {
            if (line.dateOfService().isAfter(latest)) {
                latest = line.dateOfService();
            }
        }
        if (latest.isAfter(context.today())) {
            findings.add(ScrubFinding.of(
                    ScrubRule.DATE_OF_SERVICE.name(), "date of service " + latest + " is in the future"));
        }
        LocalDate deadline = claim.dateOfService().plusDays(context.timelyFilingDays());
        // a late claim with the biller's delay reason (CLM20) and proof goes to the payer, which decides
        if (context.today().isAfter(deadline) && claim.delayReasonCode() == null) {
            findings.add(ScrubFinding.of(
                    ScrubRule.TIMELY_FILING.name(),
                    "the payer's timely-filing window of " + context.timelyFilingDays() + " days ended on "
                            + deadline));
        }
    }

    private static void priorPayers(Claim claim, List<ScrubFinding> findings) {
        String rule = ScrubRule.PRIOR_PAYER_ADJUDICATION.name();
        List<PriorAdjudication> priors = claim.priorAdjudications();
        if (priors.size() != claim.payerSequence() - 1) {
            findings.add(ScrubFinding.of(
                    rule,
                    "a claim to payer number " + claim.payerSequence() + " of the visit carries "
                            + (claim.payerSequence() - 1) + " earlier payers' adjudications, this one "
                            + priors.size()));
            return;
        }
        Map<Integer, ClaimLine> lines = new HashMap<>();
        claim.lines().forEach(l -> lines.put(l.lineNumber(), l));
        for (int i = 0; i < priors.size(); i++) {
            PriorAdjudication prior = priors.get(i);
            String who = "earlier payer " + prior.payerId();
            if (prior.payerSequence() != i + 1) {
                findings.add(ScrubFinding.of(
                        rule, who + " is payer number " + prior.payerSequence() + ", expected " + (i + 1)));
            }
            // the earlier payer may be the payer this claim bills: two plans of one insurer (the member's and a
            // spouse's) pay in turn; which plan is next is decided by the payment order (NextPayerClaims)
            List<BigDecimal> amounts = new ArrayList<>(List.of(prior.paidAmount(), prior.remainingPatientLiability()));
            prior.allAdjustments().forEach(a -> amounts.add(a.amount()));
            prior.lines().forEach(l -> amounts.add(l.paidAmount()));
            if (amounts.stream()
                    .anyMatch(a -> a == null || a.stripTrailingZeros().scale() > 2)) {
                findings.add(ScrubFinding.of(rule, who + " has an amount missing or not in whole cents"));
                continue;
            }
            BigDecimal accounted = prior.paidAmount()
                    .add(Money.sum(prior.allAdjustments().stream()
                            .map(PriorAdjudication.Adjustment::amount)
                            .toList()));
            if (claim.totalCharge() == null || accounted.compareTo(claim.totalCharge()) != 0) {
                findings.add(ScrubFinding.of(
                        rule,
                        who + " paid " + prior.paidAmount() + " and adjusted " + accounted.subtract(prior.paidAmount())
                                + ", which does not account for the claim's charge " + claim.totalCharge()));
            }
            if (prior.remainingPatientLiability().compareTo(prior.patientAdjustments()) != 0) {
                findings.add(ScrubFinding.of(
                        rule,
                        who + "'s remaining patient liability " + prior.remainingPatientLiability()
                                + " differs from its PR adjustments " + prior.patientAdjustments()));
            }
            for (PriorAdjudication.Line line : prior.lines()) {
                ClaimLine billed = lines.get(line.lineNumber());
                if (billed == null) {
                    findings.add(ScrubFinding.of(
                            rule, who + " adjudicated line " + line.lineNumber() + ", which this claim does not have"));
                } else if (billed.charge() == null || line.accountedFor().compareTo(billed.charge()) != 0) {
                    findings.add(ScrubFinding.onLine(
                            rule,
                            line.lineNumber(),
                            who + " paid and adjusted " + line.accountedFor() + " on line " + line.lineNumber()
                                    + ", its charge is " + billed.charge()));
                }
            }
        }
    }
}
