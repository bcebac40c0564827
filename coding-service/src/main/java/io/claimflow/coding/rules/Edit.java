package io.claimflow.coding.rules;

import java.util.List;

/** A coding edit that fired, and what was done about it. Messages name codes, never patient data. */
public record Edit(
        EditType type,
        String ruleId,
        Severity severity,
        String message,
        List<Integer> lines,
        List<String> codes,
        String resolution) {

    public Edit {
        lines = lines == null ? List.of() : List.copyOf(lines);
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    public boolean blocking() {
        return severity == Severity.ERROR;
    }
}
