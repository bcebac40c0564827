package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.intake.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Encounter;

/**
 * Which encounters of a bundle are published: those dated on or after the first day of the look-back window
 * ({@code claimflow.ehr.fhir.look-back-days} before the day the bundle is received) and finished. A whole-history
 * bundle holds years of visits; the older ones, and those not finished, are counted in one information issue each
 * (by encounter class), not one per encounter. An encounter without a readable start date stays in (and is refused
 * for it by the mapper).
 */
final class EncounterWindow {

    private final LocalDate earliest;

    /** {@code earliest}: the first date of service published; null for no window. */
    EncounterWindow(LocalDate earliest) {
        this.earliest = earliest;
    }

    /** A bundle's encounters sorted out. */
    record Slice(
            List<Encounter> inWindow,
            List<Encounter> finished,
            List<Encounter> outside,
            List<Encounter> unfinished,
            List<Problem> notices) {}

    Slice slice(List<Encounter> encounters) {
        List<Encounter> inWindow = new ArrayList<>();
        List<Encounter> outside = new ArrayList<>();
        for (Encounter encounter : encounters) {
            if (isBefore(encounter)) {
                outside.add(encounter);
            } else {
                inWindow.add(encounter);
            }
        }
        List<Encounter> finished = inWindow.stream()
                .filter(e -> e.getStatus() == Encounter.EncounterStatus.FINISHED)
                .toList();
        List<Encounter> unfinished = inWindow.stream()
                .filter(e -> e.getStatus() != Encounter.EncounterStatus.FINISHED)
                .toList();
        List<Problem> notices = new ArrayList<>();
        if (!outside.isEmpty()) {
            notices.add(new Problem(
                    "Bundle.entry",
                    Problem.Kind.NOT_USED,
                    outside.size() + " Encounter(s) dated "
                            + "before " + earliest
                            + ", the start of the look-back window (claimflow.ehr.fhir.look-back-days), "
                            + "were not published (" + byClass(outside) + ")"));
        }
        if (!unfinished.isEmpty() && !finished.isEmpty()) {
            notices.add(new Problem(
                    "Bundle.entry",
                    Problem.Kind.NOT_USED,
                    unfinished.size() + " Encounter(s) in the "
                            + "window were not published: only finished encounters are documented for billing ("
                            + byClass(unfinished) + ")"));
        }
        return new Slice(inWindow, finished, outside, unfinished, notices);
    }

    private boolean isBefore(Encounter encounter) {
        if (earliest == null || !encounter.hasPeriod() || !encounter.getPeriod().hasStart()) {
            return false;
        }
        var start = encounter.getPeriod().getStartElement();
        if (start.getValue() == null || start.getYear() == null) {
            return false;
        }
        // a start with only a year or a month is before the window when its last possible day is
        LocalDate date = switch (start.getPrecision()) {
            case YEAR -> LocalDate.of(start.getYear(), 12, 31);
            case MONTH ->
                LocalDate.of(start.getYear(), start.getMonth() + 1, 1)
                        .plusMonths(1)
                        .minusDays(1);
            default -> LocalDate.of(start.getYear(), start.getMonth() + 1, start.getDay());
        };
        return date.isBefore(earliest);
    }

    /** "AMB 40, EMER 2": counts by Encounter.class code. */
    static String byClass(List<Encounter> encounters) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Encounter encounter : encounters) {
            String code =
                    encounter.getClass_().hasCode() ? encounter.getClass_().getCode() : "no class";
            counts.merge(code, 1, Integer::sum);
        }
        return String.join(
                ", ",
                counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
    }
}
