package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One encounter being coded by {@link EncounterCoder}: the documentation, its date of service, the patient's age on
 * it, and what the parts of the coder found so far: the edits in the order they fired, and the hold reasons.
 */
final class CodingRun {

    private final DocumentedEncounter encounter;
    private final LocalDate dos;
    private final int age;
    private final List<Edit> edits = new ArrayList<>();
    private final List<HoldReason> holds = new ArrayList<>();

    CodingRun(DocumentedEncounter encounter) {
        this.encounter = encounter;
        this.dos = encounter.dateOfService();
        this.age = encounter.ageOnDateOfService();
    }

    DocumentedEncounter encounter() {
        return encounter;
    }

    LocalDate dos() {
        return dos;
    }

    int age() {
        return age;
    }

    /** The edits fired so far, in order; the list itself, for the rule helpers that add to it. */
    List<Edit> edits() {
        return edits;
    }

    /** The hold reasons so far, in order; the list itself, for the rule helpers that add to it. */
    List<HoldReason> holds() {
        return holds;
    }

    void note(Edit edit) {
        edits.add(edit);
    }

    void hold(String code, String message) {
        holds.add(new HoldReason(code, message));
    }

    /** The coding: the diagnoses and lines given, every edit fired, each hold reason once. */
    Coding coding(List<CodedDiagnosis> diagnoses, List<CodedLine> lines) {
        return new Coding(diagnoses, lines, edits, new ArrayList<>(new LinkedHashSet<>(holds)));
    }
}
