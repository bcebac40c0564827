package io.claimflow.console.kpi;

import io.claimflow.console.readmodel.ArAsOf;
import io.claimflow.console.readmodel.ClaimView;
import io.claimflow.console.readmodel.DenialFact;
import io.claimflow.console.readmodel.WorkBacklog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Revenue-cycle KPIs from the read model, after HFMA's MAP Keys where the read model has what they need:
 *
 * <ul>
 *   <li>Clean claim rate (MAP: claims passing edits with no manual intervention / claims): originals submitted in
 *   the period without a front-end rejection (999/277CA) / originals submitted. Claims held by the scrubber emit no
 *   event, so a held claim counts only once it is released.</li>
 *   <li>Initial denial rate (MAP: claims denied / claims remitted): answered originals with at least one denial
 *   (front-end or adjudicated) / answered originals; also per denial category and per payer.</li>
 *   <li>First-pass resolution: answered originals paid with no denial and not replaced / answered originals.</li>
 *   <li>Days in A/R (MAP "net days in A/R" uses net revenue; the read model has charges, so gross): open A/R at the
 *   end of the period / average daily charges of the period.</li>
 *   <li>Aged A/R over 90 days (MAP: A/R over 90 days from discharge / total A/R): open balance of live claims whose
 *   date of service is more than 90 days before the end of the period / open A/R.</li>
 *   <li>Net collection rate (payer side; patient payments are not on the topics): payer payments / (charges -
 *   contractual adjustments - patient responsibility) of answered, not replaced claims submitted in the period.</li>
 *   <li>Documented to paid: mean days from EncounterDocumented to the encounter's first payment, for encounters of
 *   the period's claims that have been paid.</li>
 * </ul>
 *
 * The period is whole UTC days, {@code from} to {@code to} inclusive; claims belong to it by submission time.
 */
public final class KpiCalculator {

    private KpiCalculator() {}

    /**
     * @param submitted claims submitted in the period
     * @param ar the A/R as it stood at the end of the period (summed by the read model)
     * @param denials denials of the period
     * @param backlog work stuck before a claim exists, of the encounters documented in the period
     */
    public static RevenueCycleKpis compute(
            LocalDate from,
            LocalDate to,
            List<ClaimView> submitted,
            ArAsOf ar,
            List<DenialFact> denials,
            WorkBacklog backlog) {
        List<ClaimView> claims =
                // voids and self-pay claims billed to the patient are no claims a payer answers
                submitted.stream()
                        .filter(c -> !"VOID".equals(c.frequency()) && !"SELF_PAY".equals(c.frequency()))
                        .toList();
        List<ClaimView> originals = claims.stream().filter(ClaimView::original).toList();
        List<ClaimView> answered =
                originals.stream().filter(c -> c.firstAnswerAt() != null).toList();

        Ratio clean =
                new Ratio(originals.stream().filter(c -> !c.frontEndRejected()).count(), originals.size());
        Ratio firstPass =
                new Ratio(answered.stream().filter(KpiCalculator::paidFirstTime).count(), answered.size());
        Ratio denialRate =
                new Ratio(answered.stream().filter(c -> c.denialCount() > 0).count(), answered.size());

        Set<String> answeredIds = answered.stream().map(ClaimView::claimId).collect(Collectors.toSet());
        Map<String, Set<String>> deniedByCategory = new TreeMap<>();
        Map<String, Long> byCarc = new TreeMap<>();
        for (DenialFact denial : denials) {
            if (answeredIds.contains(denial.claimId())) {
                deniedByCategory
                        .computeIfAbsent(denial.category(), k -> new HashSet<>())
                        .add(denial.claimId());
            }
            List<String> carcs = denial.carcs() == null || denial.carcs().isBlank()
                    ? List.of("-")
                    : List.of(denial.carcs().split(",\\s*"));
            for (String carc : carcs) {
                byCarc.merge(denial.category() + "|" + carc + "|" + denial.payerId(), 1L, Long::sum);
            }
        }
        Map<String, Ratio> byCategory = new LinkedHashMap<>();
        deniedByCategory.forEach((category, ids) -> byCategory.put(category, new Ratio(ids.size(), answered.size())));
        Map<String, Ratio> byPayer = new LinkedHashMap<>();
        answered.stream()
                .collect(Collectors.groupingBy(ClaimView::payerId, TreeMap::new, Collectors.toList()))
                .forEach((payer, list) -> byPayer.put(
                        payer,
                        new Ratio(list.stream().filter(c -> c.denialCount() > 0).count(), list.size())));

        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        BigDecimal openAr = ar.open();
        BigDecimal charges = sum(claims.stream().map(ClaimView::totalCharge).toList());
        BigDecimal daysInAr = charges.signum() == 0
                ? null
                : openAr.multiply(BigDecimal.valueOf(days)).divide(charges, 1, RoundingMode.HALF_UP);
        BigDecimal over90 = ar.over90();
        BigDecimal over90Share = openAr.signum() == 0 ? null : percent(over90, openAr);

        List<ClaimView> collectible = claims.stream()
                .filter(c -> c.firstAnswerAt() != null && !"REPLACED".equals(c.state()))
                .toList();
        BigDecimal paid = sum(collectible.stream().map(ClaimView::paidAmount).toList());
        BigDecimal expected = sum(collectible.stream()
                .map(c -> c.totalCharge().subtract(c.contractualAdjustment()).subtract(c.patientResponsibility()))
                .toList());
        BigDecimal netCollection = expected.signum() <= 0 ? null : percent(paid, expected);

        Map<String, Duration> documentedToPaid = new LinkedHashMap<>();
        for (ClaimView c : claims) {
            if (c.documentedAt() != null
                    && c.encounterFirstPaidAt() != null
                    && c.encounterFirstPaidAt().isBefore(end)) {
                documentedToPaid.put(c.encounterId(), Duration.between(c.documentedAt(), c.encounterFirstPaidAt()));
            }
        }
        BigDecimal meanDays = documentedToPaid.isEmpty()
                ? null
                : BigDecimal.valueOf(documentedToPaid.values().stream()
                                .mapToLong(Duration::toMillis)
                                .sum())
                        .divide(BigDecimal.valueOf(86_400_000L * documentedToPaid.size()), 1, RoundingMode.HALF_UP);

        // the claims grouped by their day once: not every claim read again for every day of the period
        Map<LocalDate, List<ClaimView>> byDay = claims.stream()
                .collect(Collectors.groupingBy(
                        c -> c.submittedAt().atZone(ZoneOffset.UTC).toLocalDate()));
        List<RevenueCycleKpis.Day> daily = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            List<ClaimView> ofDay = byDay.getOrDefault(day, List.of());
            daily.add(new RevenueCycleKpis.Day(
                    day,
                    ofDay.size(),
                    ofDay.stream().filter(c -> c.denialCount() > 0).count(),
                    sum(ofDay.stream().map(ClaimView::totalCharge).toList()),
                    sum(ofDay.stream().map(ClaimView::paidAmount).toList())));
        }
        return new RevenueCycleKpis(
                from,
                to,
                claims.size(),
                clean,
                firstPass,
                denialRate,
                byCategory,
                byPayer,
                byCarc,
                openAr,
                daysInAr,
                over90Share,
                netCollection,
                meanDays,
                daily,
                backlog);
    }

    private static boolean paidFirstTime(ClaimView c) {
        return c.denialCount() == 0 && c.paidAmount().signum() > 0 && !"REPLACED".equals(c.state());
    }

    /** The first date of service whose open balance is not over 90 days old at the end of a period ending {@code to}. */
    public static LocalDate agedBefore(LocalDate to) {
        return to.plusDays(1).minusDays(90);
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
