package io.claimflow.console.kpi;

import io.claimflow.console.readmodel.ArAsOf;
import io.claimflow.console.readmodel.PeriodFigures;
import io.claimflow.console.readmodel.WorkBacklog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * The period is whole UTC days, {@code from} to {@code to} inclusive; claims belong to it by submission time. The read
 * model counts and sums the period's claims in the database ({@link PeriodFigures}, bounded by the period) and the A/R
 * at its end ({@link ArAsOf}); this makes the rates and days of them.
 */
public final class KpiCalculator {

    private KpiCalculator() {}

    /**
     * @param period the claims submitted in the period, counted and summed by the read model
     * @param ar the A/R as it stood at the end of the period (summed by the read model)
     * @param backlog work stuck before a claim exists, of the encounters documented in the period
     */
    public static RevenueCycleKpis compute(
            LocalDate from, LocalDate to, PeriodFigures period, ArAsOf ar, WorkBacklog backlog) {
        Ratio clean = new Ratio(period.cleanOriginals(), period.originals());
        Ratio firstPass = new Ratio(period.answeredPaidFirstTime(), period.answered());
        Ratio denialRate = new Ratio(period.answeredDenied(), period.answered());
        Map<String, Ratio> byCategory = new LinkedHashMap<>();
        new TreeMap<>(period.answeredDeniedByCategory())
                .forEach((category, denied) -> byCategory.put(category, new Ratio(denied, period.answered())));
        Map<String, Ratio> byPayer = new LinkedHashMap<>();
        new TreeMap<>(period.answeredByPayer())
                .forEach((payer, counts) -> byPayer.put(payer, new Ratio(counts.denied(), counts.answered())));

        long days = ChronoUnit.DAYS.between(from, to) + 1;
        BigDecimal openAr = ar.open();
        BigDecimal charges = period.charges();
        BigDecimal daysInAr = charges.signum() == 0
                ? null
                : openAr.multiply(BigDecimal.valueOf(days)).divide(charges, 1, RoundingMode.HALF_UP);
        BigDecimal over90Share = openAr.signum() == 0 ? null : percent(ar.over90(), openAr);
        BigDecimal netCollection =
                period.collectible().signum() <= 0 ? null : percent(period.collected(), period.collectible());
        BigDecimal meanDays = period.paidEncounters() == 0
                ? null
                : BigDecimal.valueOf(period.documentedToPaidMillis())
                        .divide(BigDecimal.valueOf(86_400_000L * period.paidEncounters()), 1, RoundingMode.HALF_UP);

        Map<LocalDate, PeriodFigures.Day> byDay = new HashMap<>();
        period.days().forEach(d -> byDay.put(d.date(), d));
        BigDecimal none = BigDecimal.ZERO.setScale(2);
        List<RevenueCycleKpis.Day> daily = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            PeriodFigures.Day ofDay = byDay.get(day);
            daily.add(
                    ofDay == null
                            ? new RevenueCycleKpis.Day(day, 0, 0, none, none)
                            : new RevenueCycleKpis.Day(
                                    day, ofDay.submitted(), ofDay.denied(), ofDay.charges(), ofDay.paid()));
        }
        return new RevenueCycleKpis(
                from,
                to,
                period.claims(),
                clean,
                firstPass,
                denialRate,
                byCategory,
                byPayer,
                new TreeMap<>(period.denialsByCarc()),
                openAr,
                daysInAr,
                over90Share,
                netCollection,
                meanDays,
                daily,
                backlog);
    }

    /** The first date of service whose open balance is not over 90 days old at the end of a period ending {@code to}. */
    public static LocalDate agedBefore(LocalDate to) {
        return to.plusDays(1).minusDays(90);
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
