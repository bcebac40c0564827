package io.claimflow.coding.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Procedure lines: each documented procedure (CPT, HCPCS, SNOMED CT through the crosswalk, or free text equal to a
 * description) to a code valid on the date of service, with its documented units and modifiers kept as documented;
 * a code the sets do not hold on the date holds the encounter, saying whether it is unknown or outside its dates.
 */
final class ProcedureSelection {

    /** More documented units than this on one procedure is taken for a typing error, never billed as is. */
    static final int MAX_DOCUMENTED_UNITS = 99;

    private final CodeSets codeSets;
    private final Crosswalk crosswalk;
    private final UncodedConcepts uncoded;

    ProcedureSelection(CodeSets codeSets, Crosswalk crosswalk, UncodedConcepts uncoded) {
        this.codeSets = codeSets;
        this.crosswalk = crosswalk;
        this.uncoded = uncoded;
    }

    /**
     * The documented procedures as draft lines, in documented order; a documented E/M visit goes to {@code visit}
     * instead (a second one holds the encounter).
     */
    List<DraftLine> documented(CodingRun run, List<DraftLine> visit) {
        List<DraftLine> drafts = new ArrayList<>();
        int position = 0;
        for (Documented documented : run.encounter().procedures()) {
            position++;
            Optional<ProcedureCode> code = resolve(run, documented, position);
            if (code.isEmpty()) {
                continue;
            }
            boolean visitCode = ProcedureRanges.officeVisit(code.get().code())
                    || ProcedureRanges.preventiveVisit(code.get().code());
            DraftLine draft = new DraftLine(
                    code.get().code(),
                    code.get().system(),
                    code.get().shortDescription(),
                    documentedUnits(run, documented, code.get().code(), visitCode),
                    documented.laterality(),
                    documented.text(),
                    null,
                    documented.modifiers());
            if (!documented.modifiers().isEmpty()) {
                run.note(new Edit(
                        EditType.OTHER,
                        "MOD-DOCUMENTED",
                        Severity.INFO,
                        "Modifier(s) " + documented.modifiers() + " documented with " + draft.code(),
                        List.of(),
                        List.of(draft.code()),
                        "Kept as documented"));
            }
            if (visitCode) {
                if (visit.isEmpty()) {
                    visit.add(draft);
                } else {
                    run.hold("EM-MULTIPLE", "More than one E/M visit code documented");
                }
            } else {
                drafts.add(draft);
            }
        }
        return drafts;
    }

    /**
     * Units of a documented procedure: its documented quantity (one when none), which must be a whole number of
     * units from 1 to {@value #MAX_DOCUMENTED_UNITS} (an E/M visit exactly one). Anything else holds the encounter
     * and the line keeps one unit as the suggestion.
     */
    int documentedUnits(CodingRun run, Documented documented, String code, boolean visitCode) {
        BigDecimal quantity = documented.quantity();
        if (quantity == null) {
            return 1;
        }
        BigDecimal whole = quantity.stripTrailingZeros();
        boolean plausible = quantity.signum() > 0
                && whole.scale() <= 0
                && whole.compareTo(BigDecimal.valueOf(visitCode ? 1 : MAX_DOCUMENTED_UNITS)) <= 0;
        if (!plausible) {
            run.hold(
                    "UNITS-IMPLAUSIBLE",
                    "Documented quantity " + quantity.toPlainString() + " of " + code
                            + " is not a plausible number of units ("
                            + (visitCode
                                    ? "an E/M visit is one unit"
                                    : "a whole number from 1 to " + MAX_DOCUMENTED_UNITS)
                            + "); a coder checks it");
            return 1;
        }
        int units = whole.intValueExact();
        if (units != 1) {
            run.note(new Edit(
                    EditType.OTHER,
                    "UNITS-DOCUMENTED",
                    Severity.INFO,
                    units + " units of " + code + " documented",
                    List.of(),
                    List.of(code),
                    "Billed " + units + " units"));
        }
        return units;
    }

    /** A documented CPT, HCPCS or SNOMED CT code, or free text, to a procedure code valid on the date of service. */
    Optional<ProcedureCode> resolve(CodingRun run, Documented documented, int position) {
        switch (documented.system()) {
            case CPT, HCPCS -> {
                String code = documented.code().toUpperCase(Locale.ROOT);
                Optional<ProcedureCode> procedure = codeSets.procedure(code, run.dos());
                if (procedure.isEmpty()) {
                    missing(run, "Documented procedure " + code, code);
                }
                return procedure;
            }
            case SNOMED_CT -> {
                return fromSnomed(run, documented.code(), position);
            }
            case NONE -> {
                return fromText(run, documented.text(), position);
            }
            default -> {
                run.hold(
                        "PROC-WRONG-SYSTEM",
                        "Procedure " + position + " is documented as a " + documented.system()
                                + " code, not CPT, HCPCS or SNOMED CT");
                return Optional.empty();
            }
        }
    }

    /**
     * A SNOMED CT procedure through the crosswalk: coded when exactly one CPT/HCPCS target is valid on the date;
     * targets in the E/M section are left to the visit level.
     */
    Optional<ProcedureCode> fromSnomed(CodingRun run, String concept, int position) {
        if (uncoded.skipped(run, concept)) {
            return Optional.empty();
        }
        List<Crosswalk.Target> targets = crosswalk.procedureTargets(concept);
        if (targets.isEmpty()) {
            run.hold(
                    "SNOMED-UNMAPPED",
                    "SNOMED CT " + concept + " (procedure " + position + ") has no CPT/HCPCS mapping");
            return Optional.empty();
        }
        List<Crosswalk.Target> services = targets.stream()
                .filter(t -> !ProcedureRanges.evaluationAndManagementSection(t.code()))
                .toList();
        if (services.isEmpty()) {
            run.note(new Edit(
                    EditType.OTHER,
                    "SNOMED-EM-IGNORED",
                    Severity.INFO,
                    "SNOMED CT " + concept + " maps to an E/M code; the visit level comes from MDM or time instead",
                    List.of(),
                    targets.stream().map(Crosswalk.Target::code).distinct().toList(),
                    "Not coded as a line"));
            return Optional.empty();
        }
        Map<String, ProcedureCode> valid = new LinkedHashMap<>();
        for (Crosswalk.Target target : services) {
            codeSets.procedure(target.code(), run.dos()).ifPresent(p -> valid.putIfAbsent(p.code(), p));
        }
        List<String> all =
                services.stream().map(Crosswalk.Target::code).distinct().toList();
        if (valid.size() == 1) {
            return Optional.of(valid.values().iterator().next());
        }
        if (valid.isEmpty()) {
            List<String> notOnDate =
                    all.stream().filter(codeSets::procedureKnownOnAnyDate).toList();
            if (notOnDate.isEmpty()) {
                run.hold(
                        "SNOMED-TARGET-UNKNOWN",
                        "SNOMED CT " + concept + " maps to " + all + ": not in the loaded CPT/HCPCS code sets");
            } else {
                run.hold(
                        "SNOMED-TARGET-NOT-VALID-ON-DOS",
                        "SNOMED CT " + concept + " maps to " + all + ": " + notOnDate
                                + " not valid on the date of service " + run.dos());
            }
        } else {
            run.hold(
                    "SNOMED-AMBIGUOUS",
                    "SNOMED CT " + concept + " maps to several procedures " + valid.keySet() + "; a coder chooses");
        }
        return Optional.empty();
    }

    /** Free text: coded only when it equals the description of exactly one procedure outside the E/M section. */
    Optional<ProcedureCode> fromText(CodingRun run, String text, int position) {
        String wanted = FreeText.normalize(text);
        List<ProcedureCode> candidates =
                wanted.isEmpty() ? List.of() : codeSets.proceduresByDescription(text, run.dos(), 6);
        List<ProcedureCode> exact = candidates.stream()
                .filter(c -> FreeText.normalize(c.shortDescription()).equals(wanted)
                        || FreeText.normalize(c.longDescription()).equals(wanted))
                .filter(c -> !ProcedureRanges.evaluationAndManagementSection(c.code()))
                .toList();
        if (exact.size() == 1) {
            return Optional.of(exact.get(0));
        }
        run.hold(
                "FREE-TEXT-UNCLEAR",
                "Free-text procedure " + position + " has no confident CPT/HCPCS match"
                        + (candidates.isEmpty()
                                ? ""
                                : " (candidates "
                                        + candidates.stream()
                                                .map(ProcedureCode::code)
                                                .toList() + ")"));
        return Optional.empty();
    }

    /** A procedure code not in the sets on the date: unknown to every loaded release, or outside its dates. */
    void missing(CodingRun run, String what, String code) {
        if (codeSets.procedureKnownOnAnyDate(code)) {
            run.hold("PROC-NOT-VALID-ON-DOS", what + " " + code + " is not valid on the date of service " + run.dos());
        } else {
            run.hold("PROC-UNKNOWN", what + " " + code + " is not in the loaded CPT/HCPCS code sets");
        }
    }

    /** A line the rules add (a visit, an administration code), when the code is valid on the date of service. */
    Optional<DraftLine> draft(CodingRun run, String code, int units) {
        Optional<ProcedureCode> procedure = codeSets.procedure(code, run.dos());
        if (procedure.isEmpty()) {
            missing(run, "Procedure", code);
            return Optional.empty();
        }
        return Optional.of(new DraftLine(
                code, procedure.get().system(), procedure.get().shortDescription(), units, null, "", null, List.of()));
    }
}
