package io.claimflow.console.kpi;

import io.claimflow.console.readmodel.WorkBacklog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The revenue-cycle figures of one period, as {@link KpiCalculator} defines them.
 *
 * @param from first day of the period (UTC)
 * @param to last day of the period, inclusive
 * @param claims claims submitted in the period (originals and replacements, no voids)
 * @param cleanClaimRate originals without a front-end rejection / originals
 * @param firstPassResolution answered originals paid with no denial / answered originals
 * @param denialRate answered originals with at least one denial / answered originals
 * @param denialRateByCategory per denial category: answered originals denied in that category / answered originals
 * @param denialRateByPayer per payer id: that payer's answered originals with a denial / its answered originals
 * @param denialsByCarc denials in the period per category, group-CARC and payer ("CODING|CO-11|BKHP1")
 * @param openAr open balance of live claims submitted before the end of the period
 * @param daysInAr open A/R / (charges of the period / days in the period); null without charges
 * @param arOver90Share open A/R more than 90 days after the date of service / open A/R
 * @param netCollectionRate payer payments / (charges - contractual - patient responsibility) of answered claims
 * @param documentedToPaidDays mean days from EncounterDocumented to the first payment, of encounters paid
 * @param daily per day: claims submitted, claims denied (of those submitted that day)
 * @param backlog of the encounters documented in the period, those without coding and those coded without a claim
 */
public record RevenueCycleKpis(
        LocalDate from,
        LocalDate to,
        long claims,
        Ratio cleanClaimRate,
        Ratio firstPassResolution,
        Ratio denialRate,
        Map<String, Ratio> denialRateByCategory,
        Map<String, Ratio> denialRateByPayer,
        Map<String, Long> denialsByCarc,
        BigDecimal openAr,
        BigDecimal daysInAr,
        BigDecimal arOver90Share,
        BigDecimal netCollectionRate,
        BigDecimal documentedToPaidDays,
        List<Day> daily,
        WorkBacklog backlog) {

    /** One day of the chart. */
    public record Day(LocalDate date, long submitted, long denied, BigDecimal charges, BigDecimal paid) {}
}
