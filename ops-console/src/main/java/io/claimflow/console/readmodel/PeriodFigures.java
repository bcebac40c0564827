package io.claimflow.console.readmodel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The claims submitted in a KPI period, counted and summed by the database (the period's claims are not read into
 * memory). "Claims" are those submitted in the period that are not voids; "originals" those of frequency ORIGINAL;
 * "answered" the originals with a first answer (a denial, rejection or payment).
 *
 * @param claims claims of the period
 * @param originals originals of the period
 * @param cleanOriginals originals without a front-end rejection
 * @param answered answered originals
 * @param answeredPaidFirstTime answered originals paid with no denial and not replaced
 * @param answeredDenied answered originals with at least one denial
 * @param answeredDeniedByCategory per denial category: answered originals with a denial of the period in it
 * @param answeredByPayer per payer id: its answered originals, and those with a denial
 * @param denialsByCarc denials of the period per "category|group-CARC|payer" (a denial without CARCs as "-")
 * @param charges total charge of the claims
 * @param collected payer payments of the answered, not replaced claims
 * @param collectible charge less contractual and patient share of the answered, not replaced claims
 * @param paidEncounters encounters of the claims documented and first paid before the period's end
 * @param documentedToPaidMillis their milliseconds from documented to first paid, summed
 * @param days per day of submission (UTC) with claims
 */
public record PeriodFigures(
        long claims,
        long originals,
        long cleanOriginals,
        long answered,
        long answeredPaidFirstTime,
        long answeredDenied,
        Map<String, Long> answeredDeniedByCategory,
        Map<String, PayerCounts> answeredByPayer,
        Map<String, Long> denialsByCarc,
        BigDecimal charges,
        BigDecimal collected,
        BigDecimal collectible,
        long paidEncounters,
        long documentedToPaidMillis,
        List<Day> days) {

    /** A payer's answered originals of the period and those of them with a denial. */
    public record PayerCounts(long denied, long answered) {}

    /** The claims submitted on one day: how many, how many with a denial, their charges and payer payments. */
    public record Day(LocalDate date, long submitted, long denied, BigDecimal charges, BigDecimal paid) {}
}
