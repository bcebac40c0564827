package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Acts on a denial of a claim built from a coding. CARC 11 (diagnosis inconsistent with the procedure) re-selects
 * the diagnoses and pointers of the denied lines; CARC 4 (procedure inconsistent with the modifier) re-derives the
 * modifiers from the documentation; CARC 97 (included in another service) applies NCCI to the denied lines. Any other
 * reason, a second attempt, or a fix that would change nothing goes to a coder: the rules never answer the same
 * denial twice, so a denial loop ends at the coder queue.
 */
public final class Recoder {

    private final EncounterCoder coder;
    private final CodeSets codeSets;
    private final int maxAutomaticAttempts;

    public Recoder(EncounterCoder coder, CodeSets codeSets, int maxAutomaticAttempts) {
        this.coder = coder;
        this.codeSets = codeSets;
        this.maxAutomaticAttempts = maxAutomaticAttempts;
    }

    public RecodeOutcome recode(DocumentedEncounter encounter, Coding previous, Denial denial) {
        if (denial.attempt() > maxAutomaticAttempts) {
            return RecodeOutcome.toCoder(
                    previous,
                    new HoldReason(
                            "RECODE-ATTEMPTS",
                            "Recode attempt " + denial.attempt() + " exceeds the " + maxAutomaticAttempts
                                    + " automatic attempt(s)"));
        }
        Set<String> carcs = new LinkedHashSet<>(denial.reasonCodes());
        RecodeOutcome outcome;
        if (carcs.contains("11")) {
            outcome = reselectDiagnoses(encounter, previous, denial);
        } else if (carcs.contains("4")) {
            outcome = fixModifiers(encounter, previous, denial);
        } else if (carcs.contains("97")) {
            outcome = applyNcci(encounter, previous, denial);
        } else {
            return RecodeOutcome.toCoder(
                    previous,
                    new HoldReason("RECODE-CARC", "Denial reason(s) " + carcs + " are not recoded automatically"));
        }
        if (!outcome.automatic()) {
            return outcome;
        }
        List<Edit> check = coder.edits()
                .check(encounter, outcome.coding().diagnoses(), outcome.coding().lines());
        List<HoldReason> blocking = check.stream()
                .filter(Edit::blocking)
                .map(e -> new HoldReason(e.ruleId(), e.message()))
                .toList();
        if (!blocking.isEmpty()) {
            return new RecodeOutcome(null, blocking, outcome.coding());
        }
        return outcome;
    }

    private List<Integer> affected(Coding previous, Denial denial) {
        if (!denial.affectedLines().isEmpty()) {
            return denial.affectedLines();
        }
        return previous.lines().stream()
                .filter(l -> !l.evaluationAndManagement())
                .map(CodedLine::lineNumber)
                .toList();
    }

    /**
     * CARC 11: for each denied line, point to the documented diagnoses that support its procedure; when none is
     * known to, to the documented diagnoses it did not point to before. Diagnoses no line points to any more are
     * dropped, and the rest renumbered.
     */
    private RecodeOutcome reselectDiagnoses(DocumentedEncounter encounter, Coding previous, Denial denial) {
        Coding fresh = coder.code(encounter);
        List<CodedDiagnosis> candidates = new ArrayList<>(previous.diagnoses());
        for (CodedDiagnosis dx : fresh.diagnoses()) {
            if (candidates.stream().noneMatch(c -> c.code().equals(dx.code()))) {
                candidates.add(dx);
            }
        }
        List<Integer> denied = affected(previous, denial);
        List<Edit> edits = new ArrayList<>();
        List<List<String>> pointedCodes = new ArrayList<>();
        boolean changed = false;
        for (CodedLine line : previous.lines()) {
            List<String> before = line.pointers().stream()
                    .map(p -> previous.diagnoses().get(p - 1).code())
                    .toList();
            if (!denied.contains(line.lineNumber()) || line.evaluationAndManagement()) {
                pointedCodes.add(before);
                continue;
            }
            List<String> indications = codeSets.indications(line.code(), encounter.dateOfService());
            List<String> chosen = new ArrayList<>();
            for (int p : DiagnosisPointers.supporting(line.code(), candidates, indications)) {
                chosen.add(candidates.get(p - 1).code());
            }
            if (chosen.isEmpty() || chosen.equals(before)) {
                chosen = candidates.stream()
                        .map(CodedDiagnosis::code)
                        .filter(c -> !before.contains(c))
                        .limit(CodingEdits.MAX_POINTERS)
                        .toList();
            }
            if (chosen.isEmpty() || chosen.equals(before)) {
                return RecodeOutcome.toCoder(
                        previous,
                        new HoldReason(
                                "RECODE-DX-NONE",
                                "No other documented " + "diagnosis supports " + line.code() + " (line "
                                        + line.lineNumber() + ")"));
            }
            changed = true;
            edits.add(new Edit(
                    EditType.DIAGNOSIS_POINTER,
                    "RECODE-CARC11",
                    Severity.WARNING,
                    "Payer denied " + line.code() + " as inconsistent with " + before,
                    List.of(line.lineNumber()),
                    concat(List.of(line.code()), chosen),
                    "Diagnosis selection changed to " + chosen));
            pointedCodes.add(chosen);
        }
        if (!changed) {
            return RecodeOutcome.toCoder(
                    previous, new HoldReason("RECODE-DX-NONE", "The denied lines are not on " + "the coding"));
        }
        // keep diagnoses in their previous order, then newly chosen ones; drop those no line points to
        Set<String> used = new LinkedHashSet<>();
        pointedCodes.forEach(used::addAll);
        List<CodedDiagnosis> diagnoses = new ArrayList<>();
        for (CodedDiagnosis dx : candidates) {
            if (used.contains(dx.code())
                    || diagnoses.isEmpty() && dx.equals(previous.diagnoses().get(0))) {
                diagnoses.add(dx);
            }
        }
        List<String> order = diagnoses.stream().map(CodedDiagnosis::code).toList();
        List<CodedLine> lines = new ArrayList<>();
        for (int i = 0; i < previous.lines().size(); i++) {
            CodedLine line = previous.lines().get(i);
            List<Integer> pointers = line.evaluationAndManagement()
                    ? DiagnosisPointers.firstPointers(diagnoses.size())
                    : pointedCodes.get(i).stream()
                            .map(c -> order.indexOf(c) + 1)
                            .filter(p -> p > 0)
                            .toList();
            lines.add(line.withPointers(pointers));
        }
        return RecodeOutcome.recoded(new Coding(diagnoses, lines, edits, List.of()));
    }

    /** CARC 4: the modifiers the rules derive from the documentation now, for the same codes. */
    private RecodeOutcome fixModifiers(DocumentedEncounter encounter, Coding previous, Denial denial) {
        Coding fresh = coder.code(encounter);
        List<Integer> denied = denial.affectedLines().isEmpty()
                ? previous.lines().stream().map(CodedLine::lineNumber).toList()
                : denial.affectedLines();
        List<CodedLine> lines = new ArrayList<>();
        List<Edit> edits = new ArrayList<>();
        for (CodedLine line : previous.lines()) {
            if (!denied.contains(line.lineNumber())) {
                lines.add(line);
                continue;
            }
            Optional<CodedLine> derived = fresh.lines().stream()
                    .filter(l -> l.code().equals(line.code()))
                    .findFirst();
            List<String> modifiers = derived.map(CodedLine::modifiers).orElse(List.of());
            if (!modifiers.equals(line.modifiers())) {
                edits.add(new Edit(
                        EditType.OTHER,
                        "RECODE-CARC4",
                        Severity.WARNING,
                        "Payer denied " + line.code() + " for its modifiers " + line.modifiers(),
                        List.of(line.lineNumber()),
                        List.of(line.code()),
                        "Modifiers changed to " + modifiers));
                lines.add(line.withModifiers(modifiers));
            } else {
                lines.add(line);
            }
        }
        if (edits.isEmpty()) {
            return RecodeOutcome.toCoder(
                    previous,
                    new HoldReason(
                            "RECODE-MODIFIERS-UNCHANGED",
                            "The documentation "
                                    + "supports the modifiers already billed; a coder reviews the denial"));
        }
        return RecodeOutcome.recoded(new Coding(previous.diagnoses(), lines, edits, List.of()));
    }

    /**
     * CARC 97: a denied line that is column 2 of an NCCI pair with a billed column 1 is removed when the pair cannot
     * be bypassed or no modifier claimed a distinct service; an E/M bundled into a same-day procedure gets 25. A
     * denial that NCCI does not explain, or that rejected a bypass already claimed, goes to a coder.
     */
    private RecodeOutcome applyNcci(DocumentedEncounter encounter, Coding previous, Denial denial) {
        List<Integer> denied = affected(previous, denial);
        List<String> codes =
                previous.lines().stream().map(CodedLine::code).distinct().toList();
        List<NcciPair> pairs = codeSets.ncciPairs(codes, encounter.dateOfService());
        List<CodedLine> lines = new ArrayList<>(previous.lines());
        List<Edit> edits = new ArrayList<>();
        for (CodedLine line : previous.lines()) {
            if (!denied.contains(line.lineNumber())) {
                continue;
            }
            Optional<NcciPair> pair = pairs.stream()
                    .filter(NcciPair::applies)
                    .filter(p -> p.column2().equals(line.code()) && codes.contains(p.column1()))
                    .findFirst();
            if (pair.isEmpty()) {
                continue;
            }
            String ruleId =
                    "RECODE-CARC97-" + pair.get().column1() + "-" + pair.get().column2();
            List<String> both = List.of(pair.get().column1(), pair.get().column2());
            if (line.evaluationAndManagement()
                    && pair.get().bypassable()
                    && !line.modifiers().contains("25")) {
                lines.set(lines.indexOf(line), line.withModifier("25"));
                edits.add(new Edit(
                        EditType.NCCI_PTP,
                        ruleId,
                        Severity.WARNING,
                        "Payer bundled E/M " + line.code() + " into "
                                + pair.get().column1(),
                        List.of(line.lineNumber()),
                        both,
                        "Appended modifier 25"));
            } else if (!pair.get().bypassable()
                    || line.modifiers().stream().noneMatch(m -> CodingEdits.NCCI_BYPASS.contains(m))) {
                lines.remove(line);
                edits.add(new Edit(
                        EditType.NCCI_PTP,
                        ruleId,
                        Severity.WARNING,
                        line.code() + " is bundled into " + pair.get().column1(),
                        List.of(line.lineNumber()),
                        both,
                        "Removed " + line.code()));
            } else {
                return RecodeOutcome.toCoder(
                        previous,
                        new HoldReason(
                                "RECODE-NCCI-BYPASS-REJECTED",
                                "Payer " + "rejected the bypass modifier on " + line.code()
                                        + "; a coder reviews the documentation"));
            }
        }
        if (edits.isEmpty()) {
            return RecodeOutcome.toCoder(
                    previous, new HoldReason("RECODE-NCCI-NONE", "No NCCI pair explains the " + "bundling denial"));
        }
        return RecodeOutcome.recoded(new Coding(previous.diagnoses(), CodedLine.renumbered(lines), edits, List.of()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
