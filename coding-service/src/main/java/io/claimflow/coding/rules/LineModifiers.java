package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Modifiers the documentation supports: RT/LT/50 from the documented side, 25 on an E/M with a same-day procedure,
 * drug administration, wellness or preventive visit when the visit addressed another problem (CPT modifier 25, NCCI
 * policy manual ch. 11). What needs judgement holds the encounter.
 */
final class LineModifiers {

    private final CodeSets codeSets;
    private final DiagnosisPointers pointers;

    LineModifiers(CodeSets codeSets, DiagnosisPointers pointers) {
        this.codeSets = codeSets;
        this.pointers = pointers;
    }

    /**
     * RT, LT or 50 from the documented side on a procedure that takes one; a documented side modifier is kept, and
     * held when the text says another side or more than one is documented.
     *
     * @param drafts the drafts the lines were numbered from, in the same order
     */
    List<CodedLine> laterality(CodingRun run, List<CodedLine> lines, List<DraftLine> drafts) {
        List<CodedLine> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CodedLine line = lines.get(i);
            String side = drafts.get(i).laterality();
            List<String> documentedSides = drafts.get(i).modifiers().stream()
                    .filter(ProcedureRanges.LATERALITY::contains)
                    .toList();
            if (!documentedSides.isEmpty()) {
                if (side != null && !documentedSides.contains(side) || documentedSides.size() > 1) {
                    run.hold(
                            "MOD-LATERALITY-CONFLICT",
                            "Procedure " + line.code() + " is documented with modifier(s) "
                                    + documentedSides + " but its text says "
                                    + ("50".equals(side)
                                            ? "both sides"
                                            : "RT".equals(side)
                                                    ? "the right side"
                                                    : "LT".equals(side) ? "the left side" : "otherwise")
                                    + "; a coder checks the side");
                }
                result.add(line);
                continue;
            }
            if (side != null && ProcedureRanges.takesLaterality(line.code())) {
                line = line.withModifier(side);
                run.note(new Edit(
                        EditType.OTHER,
                        "MOD-LATERALITY",
                        Severity.INFO,
                        "Procedure " + line.code()
                                + " documented on the "
                                + ("50".equals(side) ? "both sides" : side.equals("RT") ? "right side" : "left side"),
                        List.of(line.lineNumber()),
                        List.of(line.code()),
                        "Appended modifier " + side));
            }
            result.add(line);
        }
        return result;
    }

    /** 25 on the E/M when a same-day procedure is on the claim and the visit addressed something else too. */
    List<CodedLine> modifier25(CodingRun run, List<CodedLine> lines, List<CodedDiagnosis> diagnoses) {
        Optional<CodedLine> visit = lines.stream()
                .filter(l -> ProcedureRanges.officeVisit(l.code()))
                .findFirst()
                .or(() -> lines.stream()
                        .filter(CodedLine::evaluationAndManagement)
                        .findFirst());
        if (visit.isEmpty()) {
            return lines;
        }
        boolean problemVisit = ProcedureRanges.officeVisit(visit.get().code());
        List<String> others = lines.stream()
                .filter(l -> !l.evaluationAndManagement() || problemVisit && ProcedureRanges.preventiveVisit(l.code()))
                .map(CodedLine::code)
                .toList();
        Set<String> pairedWithVisit = new LinkedHashSet<>();
        for (NcciPair pair : codeSets.ncciPairs(
                new ArrayList<>(lines.stream().map(CodedLine::code).toList()), run.dos())) {
            if (pair.bypassable() && pair.column2().equals(visit.get().code())) {
                pairedWithVisit.add(pair.column1());
            }
        }
        List<String> triggering = others.stream()
                .filter(c -> ProcedureRanges.procedureNeedingModifier25(c)
                        || pairedWithVisit.contains(c)
                        || AnnualWellnessVisit.of(c) != null
                        || ProcedureRanges.preventiveVisit(c))
                .distinct()
                .toList();
        if (triggering.isEmpty()) {
            return lines;
        }
        // separately identifiable: a diagnosis the visit addressed that is not just why the procedure was done
        Set<String> procedureIndications = new LinkedHashSet<>();
        lines.stream()
                .filter(l -> triggering.contains(l.code()))
                .forEach(l -> procedureIndications.addAll(
                        ProcedureRanges.preventiveVisit(l.code())
                                ? List.of("Z00.0", "Z00.1")
                                : pointers.indications(l, lines, run.dos())));
        boolean separate =
                diagnoses.stream().anyMatch(dx -> procedureIndications.stream().noneMatch(dx.code()::startsWith));
        if (!separate || procedureIndications.isEmpty()) {
            run.hold(
                    "MOD25-JUDGEMENT",
                    "E/M " + visit.get().code() + " with same-day procedure(s) " + triggering
                            + ": whether the visit is separately identifiable needs a coder");
            return lines;
        }
        List<CodedLine> result = new ArrayList<>();
        for (CodedLine line : lines) {
            if (line == visit.get()) {
                line = line.withModifier("25");
                run.note(new Edit(
                        EditType.OTHER,
                        "MOD-25",
                        Severity.INFO,
                        "E/M " + line.code() + " on the same day as " + triggering
                                + " for a separately identifiable problem",
                        List.of(line.lineNumber()),
                        List.of(line.code()),
                        "Appended modifier 25"));
            }
            result.add(line);
        }
        return result;
    }
}
