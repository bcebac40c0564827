package io.claimflow.console.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The queries the pages need from the console's read model. */
public interface ReadModel {

    /** Encounters and claims whose id, claim id or patient control number starts with {@code term}, newest first. */
    List<ClaimView> search(String term, int limit);

    /** Every event of the encounter, oldest first. */
    List<TimelineEntry> timeline(String encounterId);

    /** The claims of the encounter, oldest first. */
    List<ClaimView> claimsOfEncounter(String encounterId);

    /** The encounter a claim belongs to. */
    Optional<String> encounterOfClaim(String claimId);

    /** The claims submitted in [from, to), counted and summed (read in the database, bounded by the period). */
    PeriodFigures periodFigures(Instant from, Instant to);

    /**
     * The A/R as it stood at {@code to}, summed by the database: claims submitted before it and not replaced or
     * voided by a claim submitted before it, their money from the payments posted before it (so a past period's open
     * A/R is not lowered by later payments); {@code over90} the part whose date of service is before
     * {@code agedBefore}. {@code to} is the start of a UTC day (the end of a KPI period): the A/R is kept as a
     * daily balance series, so its cost is that of the days, not of the claims open then.
     */
    ArAsOf arAsOf(Instant to, java.time.LocalDate agedBefore);

    /** Work stuck before a claim exists, of the encounters documented in [from, to). */
    WorkBacklog backlog(Instant from, Instant to);

    /** The encounters matching {@code query}, each in its state, with the total. */
    ListPage<EncounterRow> encounters(EncounterQuery query);

    /** Every payer the read model has seen: id to name, by name. */
    java.util.Map<String, String> payers();

    /** Every tenant the read model has seen, by id. */
    List<String> tenants();

    /** Events per topic per minute since {@code since}, oldest first. */
    List<TopicThroughput> throughputSince(Instant since);
}
