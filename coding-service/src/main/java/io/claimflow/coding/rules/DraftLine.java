package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A procedure or supply before lines are numbered: its code, units, the documented side, text and modifiers, and the
 * drug given (null for anything else).
 */
record DraftLine(
        String code,
        CodeSystem system,
        String description,
        int units,
        String laterality,
        String text,
        Drug drug,
        List<String> modifiers) {

    DraftLine withUnits(int newUnits) {
        return new DraftLine(code, system, description, newUnits, laterality, text, drug, modifiers);
    }

    /** Same code on the same side documented twice: one line with the units added; drug lines stay apart. */
    static List<DraftLine> merge(List<DraftLine> drafts) {
        List<DraftLine> result = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (DraftLine draft : drafts) {
            String key = draft.code() + "|" + draft.laterality() + "|" + draft.modifiers();
            Integer at = draft.drug() == null ? index.get(key) : null;
            if (at == null) {
                if (draft.drug() == null) {
                    index.put(key, result.size());
                }
                result.add(draft);
            } else {
                result.set(at, result.get(at).withUnits(result.get(at).units() + draft.units()));
            }
        }
        return result;
    }

    /** The service lines, numbered from 1 in the order given, without pointers yet. */
    static List<CodedLine> number(List<DraftLine> drafts) {
        List<CodedLine> lines = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            DraftLine d = drafts.get(i);
            lines.add(new CodedLine(
                    i + 1, d.code(), d.system(), d.description(), d.modifiers(), d.units(), List.of(), d.drug()));
        }
        return lines;
    }
}
