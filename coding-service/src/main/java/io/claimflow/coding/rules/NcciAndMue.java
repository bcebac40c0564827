package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** NCCI procedure-to-procedure and MUE checks on the numbered lines of one claim. */
final class NcciAndMue {

    private static final List<String> DISTINCT_WORDS = List.of(
            "separate",
            "different site",
            "distinct",
            "second lesion",
            "another site",
            "different lesion",
            "separate lesion");

    private final CodeSets codeSets;

    NcciAndMue(CodeSets codeSets) {
        this.codeSets = codeSets;
    }

    /** Modifier for a distinct service on a bypassable NCCI pair: XS for Medicare, 59 for other payers. */
    static String distinctServiceModifier(boolean medicare) {
        return medicare ? "XS" : "59";
    }

    /**
     * NCCI procedure-to-procedure pairs on the claim: column 2 of a pair that cannot be bypassed comes off; of a
     * bypassable pair it stays when a modifier bypasses it already, gets 59 (XS for Medicare) when documented as a
     * separate site or lesion, and is held otherwise.
     *
     * @param drafts the drafts the lines were numbered from, in the same order (their text says "separate")
     */
    List<CodedLine> ncci(CodingRun run, List<CodedLine> lines, List<DraftLine> drafts) {
        List<String> codes = lines.stream().map(CodedLine::code).distinct().toList();
        if (codes.size() < 2) {
            return lines;
        }
        List<CodedLine> result = new ArrayList<>(lines);
        for (NcciPair pair : codeSets.ncciPairs(codes, run.dos())) {
            if (!pair.applies()) {
                continue;
            }
            Optional<CodedLine> first =
                    result.stream().filter(l -> l.code().equals(pair.column1())).findFirst();
            if (first.isEmpty()) {
                continue;
            }
            for (CodedLine second : List.copyOf(result)) {
                if (!second.code().equals(pair.column2())) {
                    continue;
                }
                List<Integer> at = List.of(first.get().lineNumber(), second.lineNumber());
                List<String> both = List.of(pair.column1(), pair.column2());
                String ruleId = "NCCI-PTP-" + pair.column1() + "-" + pair.column2();
                if (!pair.bypassable()) {
                    result.remove(second);
                    run.note(new Edit(
                            EditType.NCCI_PTP,
                            ruleId,
                            Severity.WARNING,
                            pair.column2() + " is bundled into " + pair.column1() + " (modifier indicator 0)",
                            at,
                            both,
                            "Removed " + pair.column2()));
                    continue;
                }
                if (CodingEdits.bypassedBy(second, first.get())) {
                    run.note(new Edit(
                            EditType.NCCI_PTP,
                            ruleId,
                            Severity.INFO,
                            pair.column2() + " with " + pair.column1() + " is a bypassable pair (modifier indicator 1)",
                            at,
                            both,
                            "Bypassed by modifier " + String.join(",", second.modifiers())));
                    continue;
                }
                if (second.evaluationAndManagement()) {
                    continue; // modifier25 held it already when the visit is not separately identifiable
                }
                String text =
                        FreeText.normalize(drafts.get(second.lineNumber() - 1).text());
                if (DISTINCT_WORDS.stream().anyMatch(text::contains)) {
                    String modifier = distinctServiceModifier(run.encounter().medicare());
                    int index = result.indexOf(second);
                    result.set(index, second.withModifier(modifier));
                    run.note(new Edit(
                            EditType.NCCI_PTP,
                            ruleId,
                            Severity.WARNING,
                            pair.column2() + " with "
                                    + pair.column1() + " is bypassable (modifier indicator 1) and documented as a "
                                    + "separate site or lesion",
                            at,
                            both,
                            "Appended modifier " + modifier));
                } else {
                    run.hold(
                            "NCCI-JUDGEMENT",
                            pair.column2() + " is bundled into " + pair.column1()
                                    + " unless distinct; the documentation does not say, a coder decides");
                }
            }
        }
        return result;
    }

    /**
     * Medically unlikely edits: units above an MUE of adjudication indicator 2 (an absolute limit) are cut, a line
     * left with none removed; indicators 1 and 3 can be exceeded with documentation, and {@link CodingEdits} holds
     * them.
     */
    List<CodedLine> mue(CodingRun run, List<CodedLine> lines) {
        List<CodedLine> result = new ArrayList<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (CodedLine line : lines) {
            Optional<MueLimit> limit = codeSets.mue(line.code(), run.dos());
            if (limit.isEmpty() || limit.get().adjudicationIndicator() != '2') {
                result.add(line); // 1 and 3 can be exceeded with documentation: the edit holds them
                continue;
            }
            int before = used.getOrDefault(line.code(), 0);
            int allowed = Math.max(0, limit.get().maxUnits() - before);
            if (line.units() > allowed) {
                run.note(new Edit(
                        EditType.MUE,
                        "MUE-" + line.code(),
                        Severity.WARNING,
                        (line.units() + before)
                                + " units of " + line.code() + " exceed the MUE of "
                                + limit.get().maxUnits()
                                + " (adjudication indicator 2, an absolute policy limit)",
                        List.of(line.lineNumber()),
                        List.of(line.code()),
                        allowed == 0 ? "Removed the line" : "Units reduced from " + line.units() + " to " + allowed));
                if (allowed == 0) {
                    continue;
                }
                line = line.withUnits(allowed);
            }
            used.merge(line.code(), line.units(), Integer::sum);
            result.add(line);
        }
        return result;
    }
}
