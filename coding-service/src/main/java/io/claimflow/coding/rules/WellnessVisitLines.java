package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Medicare annual wellness visit (G0438 initial, G0439 subsequent, CMS): documented in the event's field, as the
 * encounter type or as a procedure; coded instead of a preventive medicine E/M, held when both codes or a payer other
 * than Medicare Part B are documented.
 */
final class WellnessVisitLines {

    private final ProcedureSelection procedureSelection;

    WellnessVisitLines(ProcedureSelection procedureSelection) {
        this.procedureSelection = procedureSelection;
    }

    /** The documented wellness visit: the event's field, the encounter type, or a documented G0438/G0439. */
    AnnualWellnessVisit documented(CodingRun run, List<DraftLine> procedures) {
        List<AnnualWellnessVisit> documented = new ArrayList<>();
        if (run.encounter().annualWellnessVisit() != null) {
            documented.add(run.encounter().annualWellnessVisit());
        }
        Documented type = run.encounter().encounterType();
        if (type != null && type.system() == CodeSystem.HCPCS && AnnualWellnessVisit.of(type.code()) != null) {
            documented.add(AnnualWellnessVisit.of(type.code()));
        }
        procedures.stream()
                .map(d -> AnnualWellnessVisit.of(d.code()))
                .filter(java.util.Objects::nonNull)
                .forEach(documented::add);
        if (documented.isEmpty()) {
            return null;
        }
        if (documented.stream().distinct().count() > 1) {
            run.hold(
                    "AWV-CONFLICT",
                    "Both an initial (G0438) and a subsequent (G0439) annual wellness visit are "
                            + "documented; a coder checks which it was");
        }
        if (!run.encounter().medicare()) {
            run.hold(
                    "AWV-NOT-MEDICARE",
                    "An annual wellness visit (" + documented.get(0).code() + ") is a Medicare "
                            + "benefit and the primary payer is not Medicare Part B; a coder checks the payer's "
                            + "preventive visit");
        }
        return documented.get(0);
    }

    /**
     * The wellness visit line (unless documented as a procedure already); a preventive medicine E/M documented
     * with it is taken off with an edit: Medicare pays the wellness visit, not both.
     */
    List<DraftLine> line(
            CodingRun run, AnnualWellnessVisit wellness, List<DraftLine> visit, List<DraftLine> procedures) {
        for (DraftLine em : List.copyOf(visit)) {
            if (ProcedureRanges.preventiveVisit(em.code())) {
                visit.remove(em);
                run.note(new Edit(
                        EditType.OTHER,
                        "AWV-PREVENTIVE-EM",
                        Severity.WARNING,
                        "Preventive medicine "
                                + "visit " + em.code() + " documented with the annual wellness visit "
                                + wellness.code()
                                + ": Medicare covers the wellness visit, a preventive E/M is not reported with it",
                        List.of(),
                        List.of(em.code(), wellness.code()),
                        "Removed " + em.code()));
            }
        }
        List<DraftLine> documented = procedures.stream()
                .filter(d -> AnnualWellnessVisit.of(d.code()) != null)
                .toList();
        procedures.removeAll(documented);
        if (!documented.isEmpty()) {
            return List.of(documented.get(0));
        }
        List<DraftLine> line = new ArrayList<>();
        procedureSelection.draft(run, wellness.code(), 1).ifPresent(line::add);
        run.note(new Edit(
                EditType.OTHER,
                "AWV",
                Severity.INFO,
                "Medicare annual wellness visit, " + wellness.name().toLowerCase(Locale.ROOT),
                List.of(),
                List.of(wellness.code()),
                "Coded " + wellness.code()));
        return line;
    }
}
