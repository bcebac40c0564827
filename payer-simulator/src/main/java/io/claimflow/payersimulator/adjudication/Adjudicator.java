package io.claimflow.payersimulator.adjudication;

import io.claimflow.payersimulator.config.SimulatorProperties;
import io.claimflow.payersimulator.config.SimulatorProperties.Plan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adjudicates claims by the configured rules, in this order for each line (the first that applies denies it, CO
 * group, whole charge): coverage dates (CARC 26 before, 27 after), timely filing (29), duplicate of a line already
 * paid on another claim (18), prior authorization (197), a drug code without NDC (16, RARC M119), a required
 * modifier missing (4), diagnosis inconsistent with procedure (11, RARC M76), bundled into another line of the same
 * date (97, RARC M15). A line that passes is allowed the fee schedule amount times units (or
 * {@code defaultAllowedPercent} of the charge for a code not in the schedule), never more than the charge: CO-45 is
 * the difference. The patient's share comes from the plan: a copay (PR-3) on the first copay line of the claim,
 * otherwise deductible (PR-1) then coinsurance (PR-2), all capped by the out-of-pocket maximum; accumulators are
 * kept per member and calendar year. A replacement claim (frequency 7) takes back what the claim it replaces added
 * to the accumulators and the duplicate index before it is adjudicated. Not thread-safe: callers serialize.
 *
 * <p>As a secondary or tertiary payer (the 837P names other payers that adjudicated the claim: loop 2320 AMT*D,
 * loop 2430 SVD/CAS), each line is adjudicated by the "allowed less prior payment" (non-duplication) rule: the payer
 * considers its own allowed amount less what the earlier payers paid on the line, never more than the patient
 * liability the last of them left (their PR adjustments); it applies its own plan's copay, deductible and
 * coinsurance to that amount and pays the rest. The 835 line reports the earlier payments as OA-23, its own
 * patient share as PR and the remainder of the charge as CO-45, so charge = paid + adjustments.
 */
public final class Adjudicator {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final SimulatorProperties properties;
    private final Map<String, Accumulator> accumulators = new HashMap<>();
    private final Map<String, String> paidLines = new HashMap<>();
    private final Map<String, Posted> posted = new HashMap<>();
    private long claimSequence;

    public Adjudicator(SimulatorProperties properties) {
        this.properties = properties;
    }

    /** Whether the member exists (a claim for an unknown member is rejected in the 277CA). */
    public boolean knowsMember(String memberId) {
        return memberId != null && properties.members().containsKey(memberId);
    }

    public Adjudication adjudicate(SubmittedClaim claim, LocalDate receivedOn) {
        SimulatorProperties.Member member = properties.members().get(claim.memberId());
        Plan plan = properties.plans().get(member.plan());
        if (plan == null) {
            throw new IllegalStateException("member plan " + member.plan() + " is not configured");
        }
        if ("7".equals(claim.frequencyCode()) && claim.replacedPayerClaimNumber() != null) {
            Optional.ofNullable(posted.remove(claim.replacedPayerClaimNumber())).ifPresent(this::takeBack);
        }
        String payerClaimNumber = String.format("%s%010d", properties.payerId(), ++claimSequence);
        Posted record = new Posted(new HashMap<>(), new ArrayList<>());
        List<Adjudication.Line> lines = new ArrayList<>();
        boolean copayUsed = false;
        for (SubmittedClaim.Line line : claim.lines()) {
            Denial denial = denial(claim, line, member, receivedOn);
            if (denial != null) {
                lines.add(new Adjudication.Line(
                        line,
                        null,
                        ZERO,
                        List.of(new Adjudication.Cas("CO", denial.carc, line.charge())),
                        denial.rarc == null ? List.of() : List.of(denial.rarc)));
                continue;
            }
            BigDecimal allowed = allowed(line);
            List<Adjudication.Cas> cas = new ArrayList<>();
            Prior prior = prior(claim, line);
            // what this payer's benefits apply to: its allowed amount, or as a secondary what is left of it
            BigDecimal considered = prior == null
                    ? allowed
                    : min(
                            allowed.subtract(prior.paid()),
                            prior.patientLiability(),
                            line.charge().subtract(prior.paid()));
            BigDecimal contractual = line.charge().subtract(allowed);
            if (prior == null && contractual.signum() > 0) {
                cas.add(new Adjudication.Cas("CO", "45", contractual));
            }
            String yearKey = claim.memberId() + "|" + line.dateOfService().getYear();
            Accumulator acc = accumulators.computeIfAbsent(yearKey, k -> new Accumulator());
            BigDecimal patient = ZERO;
            boolean copayLine = !copayUsed
                    && plan.copay() != null
                    && plan.copay().signum() > 0
                    && plan.copayCodePrefixes().stream().anyMatch(line.procedureCode()::startsWith);
            if (copayLine) {
                copayUsed = true;
                BigDecimal copay = min(plan.copay(), considered, acc.oopRemaining(plan));
                if (copay.signum() > 0) {
                    cas.add(new Adjudication.Cas("PR", "3", copay));
                    acc.add(record.accumulators, yearKey, ZERO, copay);
                    patient = patient.add(copay);
                }
            } else {
                BigDecimal deductible = min(considered, acc.deductibleRemaining(plan), acc.oopRemaining(plan));
                if (deductible.signum() > 0) {
                    cas.add(new Adjudication.Cas("PR", "1", deductible));
                    acc.add(record.accumulators, yearKey, deductible, deductible);
                    patient = patient.add(deductible);
                }
                BigDecimal rest = considered.subtract(deductible);
                BigDecimal coinsurance = min(
                        rest.multiply(plan.coinsurancePercent()).divide(HUNDRED, 2, RoundingMode.HALF_UP),
                        acc.oopRemaining(plan));
                if (coinsurance.signum() > 0) {
                    cas.add(new Adjudication.Cas("PR", "2", coinsurance));
                    acc.add(record.accumulators, yearKey, ZERO, coinsurance);
                    patient = patient.add(coinsurance);
                }
            }
            String duplicateKey = duplicateKey(claim, line);
            paidLines.put(duplicateKey, claim.patientControlNumber());
            record.duplicateKeys.add(duplicateKey);
            BigDecimal linePaid = considered.subtract(patient);
            if (prior != null) {
                // the earlier payers' payments (OA-23) and what neither they nor this payer's patient share cover
                BigDecimal rest =
                        line.charge().subtract(linePaid).subtract(prior.paid()).subtract(patient);
                if (prior.paid().signum() > 0) {
                    cas.add(0, new Adjudication.Cas("OA", "23", prior.paid()));
                }
                if (rest.signum() > 0) {
                    cas.add(0, new Adjudication.Cas("CO", "45", rest));
                }
            }
            lines.add(new Adjudication.Line(line, allowed, linePaid, cas, List.of()));
        }
        BigDecimal paid = lines.stream().map(Adjudication.Line::paid).reduce(ZERO, BigDecimal::add);
        BigDecimal patient = lines.stream()
                .flatMap(l -> l.adjustments().stream())
                .filter(c -> c.group().equals("PR"))
                .map(Adjudication.Cas::amount)
                .reduce(ZERO, BigDecimal::add);
        boolean allDenied = lines.stream().allMatch(l -> l.allowed() == null);
        String status = allDenied
                ? "4"
                : switch (claim.payerSequence() == null ? "" : claim.payerSequence()) {
                    case "S" -> "2";
                    case "T" -> "3";
                    default -> "1";
                };
        posted.put(payerClaimNumber, record);
        return new Adjudication(claim, payerClaimNumber, status, paid, patient, lines);
    }

    private Denial denial(
            SubmittedClaim claim, SubmittedClaim.Line line, SimulatorProperties.Member member, LocalDate receivedOn) {
        LocalDate dos = line.dateOfService();
        if (member.coverageStart() != null && dos.isBefore(member.coverageStart())) {
            return new Denial("26", null);
        }
        if (member.coverageEnd() != null && dos.isAfter(member.coverageEnd())) {
            return new Denial("27", null);
        }
        if (receivedOn != null && ChronoUnit.DAYS.between(dos, receivedOn) > properties.timelyFilingDays()) {
            return new Denial("29", null);
        }
        String previous = paidLines.get(duplicateKey(claim, line));
        if (previous != null && !previous.equals(claim.patientControlNumber())
                || previous != null && "1".equals(claim.frequencyCode())) {
            return new Denial("18", null);
        }
        if (properties.authorizationRequired().contains(line.procedureCode()) && claim.priorAuthorization() == null) {
            return new Denial("197", null);
        }
        if (line.procedureCode().startsWith("J") && !line.hasNdc()) {
            return new Denial("16", "M119");
        }
        List<String> required = properties.modifierRequired().get(line.procedureCode());
        if (required != null && line.modifiers().stream().noneMatch(required::contains)) {
            return new Denial("4", null);
        }
        if (!line.diagnosisPointers().isEmpty()) {
            int pointer = line.diagnosisPointers().get(0);
            String diagnosis = pointer >= 1 && pointer <= claim.diagnoses().size()
                    ? claim.diagnoses().get(pointer - 1)
                    : null;
            boolean mismatch = properties.diagnosisMismatches().stream()
                    .anyMatch(m -> m.procedure().equals(line.procedureCode())
                            && m.diagnosis().replace(".", "").equals(diagnosis));
            if (mismatch) {
                return new Denial("11", "M76");
            }
        }
        boolean bundled = properties.bundledPairs().stream()
                        .anyMatch(p -> p.bundled().equals(line.procedureCode())
                                && claim.lines().stream()
                                        .anyMatch(other -> other != line
                                                && other.procedureCode().equals(p.primary())
                                                && other.dateOfService().equals(dos)))
                && !line.modifiers().contains("59")
                && !line.modifiers().contains("XU");
        if (bundled) {
            return new Denial("97", "M15");
        }
        return null;
    }

    /**
     * What the earlier payers paid on the line and the patient liability the last of them left; null when no other
     * payer adjudicated the claim. From their loop 2430 when they adjudicated lines (a line none of them adjudicated
     * is open whole), else from loop 2320 (AMT*D, AMT*EAF or the PR adjustments) shared over the lines by charge.
     */
    static Prior prior(SubmittedClaim claim, SubmittedClaim.Line line) {
        List<SubmittedClaim.OtherPayer> earlier = claim.otherPayers().stream()
                .filter(SubmittedClaim.OtherPayer::adjudicated)
                .sorted(java.util.Comparator.comparingInt(o -> "PST".indexOf(o.payerSequence())))
                .toList();
        if (earlier.isEmpty()) {
            return null;
        }
        boolean lineLevel =
                claim.lines().stream().anyMatch(l -> !l.priorAdjudications().isEmpty());
        if (lineLevel) {
            BigDecimal paid = line.priorAdjudications().stream()
                    .map(SubmittedClaim.PriorLine::paid)
                    .reduce(ZERO, BigDecimal::add);
            BigDecimal liability = line.charge().subtract(paid);
            for (SubmittedClaim.OtherPayer payer : earlier) {
                for (SubmittedClaim.PriorLine priorLine : line.priorAdjudications()) {
                    if (priorLine.payerId().equals(payer.payerId())) {
                        liability = priorLine.patientLiability();
                    }
                }
            }
            return new Prior(paid, liability);
        }
        SubmittedClaim.OtherPayer last = earlier.get(earlier.size() - 1);
        BigDecimal paid = earlier.stream().map(SubmittedClaim.OtherPayer::paid).reduce(ZERO, BigDecimal::add);
        BigDecimal liability = last.remainingPatientLiability() != null
                ? last.remainingPatientLiability()
                : last.claimAdjustments().stream()
                        .filter(c -> c.group().equals("PR"))
                        .map(SubmittedClaim.Cas::amount)
                        .reduce(ZERO, BigDecimal::add);
        BigDecimal share = line.charge().divide(claim.totalCharge(), 10, RoundingMode.HALF_UP);
        return new Prior(
                paid.multiply(share).setScale(2, RoundingMode.HALF_UP),
                liability.multiply(share).setScale(2, RoundingMode.HALF_UP));
    }

    /** The earlier payers' payment on a line and the patient liability they left. */
    record Prior(BigDecimal paid, BigDecimal patientLiability) {}

    private BigDecimal allowed(SubmittedClaim.Line line) {
        BigDecimal fee = properties.feeSchedule().get(line.procedureCode());
        BigDecimal allowed = fee != null
                ? fee.multiply(BigDecimal.valueOf(line.units()))
                : line.charge().multiply(properties.defaultAllowedPercent()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        return min(allowed.setScale(2, RoundingMode.HALF_UP), line.charge());
    }

    private void takeBack(Posted previous) {
        previous.accumulators.forEach((key, delta) -> {
            Accumulator acc = accumulators.get(key);
            if (acc != null) {
                acc.deductibleMet = acc.deductibleMet.subtract(delta[0]);
                acc.outOfPocketMet = acc.outOfPocketMet.subtract(delta[1]);
            }
        });
        previous.duplicateKeys.forEach(paidLines::remove);
    }

    private static String duplicateKey(SubmittedClaim claim, SubmittedClaim.Line line) {
        return claim.memberId() + "|" + line.procedureCode() + "|" + line.modifiers() + "|" + line.dateOfService();
    }

    private static BigDecimal min(BigDecimal... values) {
        BigDecimal min = null;
        for (BigDecimal v : values) {
            if (v != null && (min == null || v.compareTo(min) < 0)) {
                min = v;
            }
        }
        return min == null ? ZERO : min.max(ZERO);
    }

    /** The member's deductible and out-of-pocket totals for one year. */
    public Map<String, BigDecimal> accumulators(String memberId, int year) {
        Accumulator acc = accumulators.getOrDefault(memberId + "|" + year, new Accumulator());
        return Map.of("deductibleMet", acc.deductibleMet, "outOfPocketMet", acc.outOfPocketMet);
    }

    private record Denial(String carc, String rarc) {}

    private record Posted(Map<String, BigDecimal[]> accumulators, List<String> duplicateKeys) {}

    private static final class Accumulator {
        BigDecimal deductibleMet = ZERO;
        BigDecimal outOfPocketMet = ZERO;

        BigDecimal deductibleRemaining(Plan plan) {
            return plan.deductible() == null
                    ? ZERO
                    : plan.deductible().subtract(deductibleMet).max(ZERO);
        }

        BigDecimal oopRemaining(Plan plan) {
            return plan.outOfPocketMaximum() == null
                    ? new BigDecimal("999999999.99")
                    : plan.outOfPocketMaximum().subtract(outOfPocketMet).max(ZERO);
        }

        void add(Map<String, BigDecimal[]> log, String key, BigDecimal deductible, BigDecimal outOfPocket) {
            deductibleMet = deductibleMet.add(deductible);
            outOfPocketMet = outOfPocketMet.add(outOfPocket);
            BigDecimal[] delta = log.computeIfAbsent(key, k -> new BigDecimal[] {ZERO, ZERO});
            delta[0] = delta[0].add(deductible);
            delta[1] = delta[1].add(outOfPocket);
        }
    }
}
