package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Diagnosis pointers: which of the claim's diagnoses (up to four, 1-based) each service line points to. */
final class DiagnosisPointers {

    private final CodeSets codeSets;

    DiagnosisPointers(CodeSets codeSets) {
        this.codeSets = codeSets;
    }

    /**
     * Diagnosis pointers of one line of the claim. An E/M points to the first four diagnoses (a problem visit beside
     * a preventive or wellness visit to the problems, the preventive visit to the examination code); 99417 as the
     * visit it extends; any other line to the diagnoses that support it (its indications, for a drug administration
     * without its own those of the drugs given), in claim order, else to the first-listed one, with the pointer edit
     * that explains the choice added to {@code out}.
     */
    List<Integer> pointersFor(
            CodedLine line, List<CodedDiagnosis> diagnoses, LocalDate dos, List<Edit> out, List<CodedLine> claim) {
        if (diagnoses.isEmpty()) {
            return List.of();
        }
        if (line.evaluationAndManagement()) {
            boolean examOnClaim = claim.stream()
                    .anyMatch(
                            l -> AnnualWellnessVisit.of(l.code()) != null || ProcedureRanges.preventiveVisit(l.code()));
            if (ProcedureRanges.officeVisit(line.code()) && examOnClaim) {
                List<Integer> problems = new ArrayList<>();
                for (int i = 0; i < diagnoses.size() && problems.size() < CodingEdits.MAX_POINTERS; i++) {
                    if (!PreventiveVisits.examinationCode(diagnoses.get(i).code())) {
                        problems.add(i + 1);
                    }
                }
                if (!problems.isEmpty()) {
                    return problems;
                }
            }
            boolean problemVisitOnClaim = claim.stream().anyMatch(l -> ProcedureRanges.officeVisit(l.code()));
            if (ProcedureRanges.preventiveVisit(line.code()) && problemVisitOnClaim) {
                List<Integer> exams = new ArrayList<>();
                for (int i = 0; i < diagnoses.size(); i++) {
                    if (PreventiveVisits.examinationCode(diagnoses.get(i).code())) {
                        exams.add(i + 1);
                    }
                }
                if (!exams.isEmpty()) {
                    return exams; // the problems are the problem visit's
                }
            }
            return firstPointers(diagnoses.size());
        }
        if (ProcedureRanges.prolongedService(line.code())) {
            Optional<CodedLine> visit = claim.stream()
                    .filter(l -> ProcedureRanges.officeVisit(l.code()))
                    .findFirst();
            if (visit.isPresent()) {
                return pointersFor(visit.get(), diagnoses, dos, out, claim); // it extends that visit
            }
        }
        List<String> indications = indications(line, claim, dos);
        List<Integer> supported = supporting(line.code(), diagnoses, indications);
        if (!supported.isEmpty()) {
            return supported;
        }
        if (indications.isEmpty()) {
            out.add(new Edit(
                    EditType.DIAGNOSIS_POINTER,
                    "DX-POINTER-DEFAULT",
                    Severity.INFO,
                    "No documented link between " + line.code() + " and a diagnosis; pointed it to the first-listed "
                            + "diagnosis",
                    List.of(line.lineNumber()),
                    List.of(line.code(), diagnoses.get(0).code()),
                    "Diagnosis pointer set to 1"));
        } else {
            out.add(new Edit(
                    EditType.DIAGNOSIS_POINTER,
                    "DX-POINTER-UNSUPPORTED",
                    Severity.WARNING,
                    "No documented diagnosis is among the indications of " + line.code()
                            + "; pointed it to the first-listed diagnosis",
                    List.of(line.lineNumber()),
                    List.of(line.code(), diagnoses.get(0).code()),
                    "Diagnosis pointer set to 1"));
        }
        return List.of(1);
    }

    /** The diagnoses that support a line: its own indications, or for a drug administration those of the drugs. */
    List<String> indications(CodedLine line, List<CodedLine> claim, LocalDate dos) {
        List<String> own = codeSets.indications(line.code(), dos);
        if (!own.isEmpty() || !ProcedureRanges.drugAdministration(line.code())) {
            return own;
        }
        List<String> drugs = new ArrayList<>();
        for (CodedLine other : claim) {
            if (other.system() == CodeSystem.HCPCS && other.code().startsWith("J")) {
                codeSets.indications(other.code(), dos).stream()
                        .filter(i -> !drugs.contains(i))
                        .forEach(drugs::add);
            }
        }
        return drugs;
    }

    /** 1-based positions of diagnoses under one of the indication prefixes, at most four. */
    static List<Integer> supporting(String procedure, List<CodedDiagnosis> diagnoses, List<String> indications) {
        List<Integer> supported = new ArrayList<>();
        for (int i = 0; i < diagnoses.size() && supported.size() < CodingEdits.MAX_POINTERS; i++) {
            String dx = diagnoses.get(i).code();
            if (indications.stream().anyMatch(dx::startsWith)) {
                supported.add(i + 1);
            }
        }
        return supported;
    }

    static List<Integer> firstPointers(int diagnoses) {
        List<Integer> pointers = new ArrayList<>();
        for (int i = 1; i <= Math.min(CodingEdits.MAX_POINTERS, diagnoses); i++) {
            pointers.add(i);
        }
        return pointers;
    }
}
