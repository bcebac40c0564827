package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Diagnosis sequencing: which diagnosis is listed first on the claim (ICD-10-CM guidelines IV.G, I.C.21.c). */
final class DiagnosisSequencing {

    private final CodeSets codeSets;

    DiagnosisSequencing(CodeSets codeSets) {
        this.codeSets = codeSets;
    }

    /**
     * A preventive visit lists its examination code (Z00.0-, Z00.1-) first: moved to the front when documented
     * elsewhere, added from the patient's age and the documented findings when not documented (I.C.21.c.13).
     */
    List<CodedDiagnosis> preventiveExamFirst(CodingRun run, List<CodedDiagnosis> diagnoses) {
        int exam = -1;
        for (int i = 0; i < diagnoses.size(); i++) {
            if (diagnoses.get(i).code().startsWith("Z00.0")
                    || diagnoses.get(i).code().startsWith("Z00.1")) {
                exam = i;
                break;
            }
        }
        List<CodedDiagnosis> ordered = new ArrayList<>(diagnoses);
        if (exam > 0) {
            CodedDiagnosis moved = ordered.remove(exam);
            ordered.add(0, moved);
            run.note(new Edit(
                    EditType.FIRST_LISTED_DIAGNOSIS,
                    "DX-PREVENTIVE-EXAM-FIRST",
                    Severity.INFO,
                    "The preventive examination code is the reason for the visit",
                    List.of(),
                    List.of(moved.code()),
                    "Moved " + moved.code() + " first"));
        } else if (exam < 0) {
            // Z00.01 / Z00.121 only for documented abnormal findings, not for any other diagnosis listed
            // (guideline I.C.21.c.13: chronic conditions may be added without being findings of the exam)
            boolean findings = run.encounter().examinationFoundAbnormalities();
            String code = PreventiveVisits.examinationDiagnosis(run.age(), findings);
            Optional<IcdCode> icd = codeSets.icd(code, run.dos());
            if (icd.isEmpty()) {
                run.hold(
                        "DX-PREVENTIVE-EXAM",
                        "Preventive visit without an examination diagnosis, and " + code
                                + " is not in the code set on the date of service");
                return ordered;
            }
            ordered.add(0, new CodedDiagnosis(code, icd.get().longDescription()));
            run.note(new Edit(
                    EditType.FIRST_LISTED_DIAGNOSIS,
                    "DX-PREVENTIVE-EXAM",
                    Severity.INFO,
                    "Preventive visit documented without an examination diagnosis",
                    List.of(),
                    List.of(code),
                    "Added " + code + " as the first-listed diagnosis"));
        }
        return ordered;
    }

    /**
     * Codes reported only as additional codes (BMI Z68, long-term drug use Z79) are never first-listed: those
     * documented first go after the diagnosis they belong to (BMI after E66), else to the end.
     */
    List<CodedDiagnosis> firstListed(CodingRun run, List<CodedDiagnosis> diagnoses) {
        if (diagnoses.isEmpty() || !CodingEdits.secondaryOnly(diagnoses.get(0).code())) {
            return diagnoses;
        }
        if (diagnoses.stream().allMatch(d -> CodingEdits.secondaryOnly(d.code()))) {
            return diagnoses; // the edit holds it
        }
        // the additional codes listed first go after the diagnosis they belong to (BMI after the weight
        // diagnosis, I.C.21.c.3), else to the end; the others keep their documented order
        List<CodedDiagnosis> ordered = new ArrayList<>(diagnoses);
        List<CodedDiagnosis> leading = new ArrayList<>();
        while (CodingEdits.secondaryOnly(ordered.get(0).code())) {
            leading.add(ordered.remove(0));
        }
        for (CodedDiagnosis moved : leading) {
            int weight = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (moved.code().startsWith("Z68") && ordered.get(i).code().startsWith("E66")) {
                    weight = i;
                }
            }
            ordered.add(weight < 0 ? ordered.size() : weight + 1, moved);
        }
        run.note(new Edit(
                EditType.FIRST_LISTED_DIAGNOSIS,
                "DX-FIRST-SECONDARY-ONLY",
                Severity.INFO,
                diagnoses.get(0).code() + " is reported only as an additional code",
                List.of(),
                List.of(diagnoses.get(0).code(), ordered.get(0).code()),
                "Moved " + ordered.get(0).code() + " first"));
        return ordered;
    }
}
