package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;

/** A coded service line: procedure or supply, up to four modifiers, units, diagnosis pointers (1-based). */
public record CodedLine(
        int lineNumber,
        String code,
        CodeSystem system,
        String description,
        List<String> modifiers,
        int units,
        List<Integer> pointers,
        Drug drug) {

    public CodedLine {
        modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
        pointers = pointers == null ? List.of() : List.copyOf(pointers);
    }

    public CodedLine withModifiers(List<String> newModifiers) {
        return new CodedLine(lineNumber, code, system, description, newModifiers, units, pointers, drug);
    }

    public CodedLine withModifier(String modifier) {
        if (modifiers.contains(modifier)) {
            return this;
        }
        List<String> m = new ArrayList<>(modifiers);
        m.add(modifier);
        return withModifiers(m);
    }

    public CodedLine withUnits(int newUnits) {
        return new CodedLine(lineNumber, code, system, description, modifiers, newUnits, pointers, drug);
    }

    public CodedLine withPointers(List<Integer> newPointers) {
        return new CodedLine(lineNumber, code, system, description, modifiers, units, newPointers, drug);
    }

    public CodedLine withLineNumber(int number) {
        return new CodedLine(number, code, system, description, modifiers, units, pointers, drug);
    }

    /** The same lines numbered from 1 in the order given. */
    public static List<CodedLine> renumbered(List<CodedLine> lines) {
        List<CodedLine> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            result.add(lines.get(i).withLineNumber(i + 1));
        }
        return result;
    }

    /** Office or preventive E/M visit code. */
    public boolean evaluationAndManagement() {
        return ProcedureRanges.officeVisit(code) || ProcedureRanges.preventiveVisit(code);
    }
}
