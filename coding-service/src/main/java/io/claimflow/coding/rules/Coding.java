package io.claimflow.coding.rules;

import java.util.List;

/**
 * The outcome of coding an encounter: diagnoses in claim order, service lines, the edits that fired and, when the
 * rules could not code it with confidence, why it is held (then the rest is only a suggestion for the coder).
 */
public record Coding(List<CodedDiagnosis> diagnoses, List<CodedLine> lines, List<Edit> edits, List<HoldReason> holds) {

    public Coding {
        diagnoses = List.copyOf(diagnoses);
        lines = List.copyOf(lines);
        edits = List.copyOf(edits);
        holds = holds == null ? List.of() : List.copyOf(holds);
    }

    public boolean held() {
        return !holds.isEmpty();
    }

    public List<String> diagnosisCodes() {
        return diagnoses.stream().map(CodedDiagnosis::code).toList();
    }

    public List<String> procedureCodes() {
        return lines.stream().map(CodedLine::code).toList();
    }
}
