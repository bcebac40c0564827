package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edits a coding must pass before it leaves coding, whoever produced it (the rules or a coder): codes exist,
 * are billable and valid on the date of service; sex and age conflicts; Excludes1 pairs; NCCI procedure-to-procedure
 * pairs; MUE unit limits; diagnosis pointers; first-listed diagnosis. ERROR edits block the coding.
 */
public final class CodingEdits {

    /** Modifiers that bypass a bypassable (indicator 1) NCCI pair on the column 2 line. */
    static final Set<String> NCCI_BYPASS = Set.of("59", "XE", "XS", "XP", "XU", "RT", "LT", "25", "91", "76");

    /** Diagnoses that are never first-listed (ICD-10-CM "use additional code" / secondary-only status codes). */
    static final List<String> SECONDARY_ONLY = List.of("Z68", "Z79", "Z91.1", "B95", "B96", "B97");

    static final int MAX_DIAGNOSES = 12;
    static final int MAX_POINTERS = 4;
    static final int MAX_MODIFIERS = 4;

    private final CodeSets codeSets;

    public CodingEdits(CodeSets codeSets) {
        this.codeSets = codeSets;
    }

    /** All edits that fire on {@code diagnoses} and {@code lines} for the encounter's patient and date. */
    public List<Edit> check(DocumentedEncounter encounter, List<CodedDiagnosis> diagnoses, List<CodedLine> lines) {
        LocalDate dos = encounter.dateOfService();
        List<Edit> edits = new ArrayList<>();
        checkDiagnosisValidity(diagnoses, dos, edits);
        checkProcedureValidity(lines, dos, edits);
        checkDemographics(encounter, diagnoses, lines, edits);
        checkExcludes1(diagnoses, dos, edits);
        checkNcci(lines, dos, edits);
        checkMue(lines, dos, edits);
        checkPointers(diagnoses, lines, edits);
        checkFirstListed(diagnoses, edits);
        return edits;
    }

    private void checkDiagnosisValidity(List<CodedDiagnosis> diagnoses, LocalDate dos, List<Edit> edits) {
        if (diagnoses.size() > MAX_DIAGNOSES) {
            edits.add(error(
                    EditType.OTHER,
                    "DX-COUNT",
                    "More than " + MAX_DIAGNOSES + " diagnoses; an 837P carries at most 12",
                    List.of(),
                    List.of()));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (CodedDiagnosis dx : diagnoses) {
            if (!seen.add(dx.code())) {
                edits.add(error(
                        EditType.OTHER,
                        "DX-DUPLICATE",
                        "Diagnosis " + dx.code() + " is listed twice",
                        List.of(),
                        List.of(dx.code())));
                continue;
            }
            Optional<IcdCode> icd = codeSets.icd(dx.code(), dos);
            if (icd.isEmpty()) {
                if (codeSets.icdKnownOnAnyDate(dx.code())) {
                    edits.add(error(
                            EditType.CODE_VALIDITY,
                            "ICD10-NOT-VALID-ON-DOS",
                            "ICD-10-CM " + dx.code() + " is not valid on the date of service " + dos,
                            List.of(),
                            List.of(dx.code())));
                } else {
                    edits.add(error(
                            EditType.CODE_VALIDITY,
                            "ICD10-UNKNOWN",
                            "ICD-10-CM " + dx.code() + " is not a known code",
                            List.of(),
                            List.of(dx.code())));
                }
            } else if (!icd.get().billable()) {
                edits.add(error(
                        EditType.CODE_VALIDITY,
                        "ICD10-NOT-BILLABLE",
                        "ICD-10-CM " + dx.code() + " is a header, not billable; use a code under it",
                        List.of(),
                        List.of(dx.code())));
            }
        }
    }

    private void checkProcedureValidity(List<CodedLine> lines, LocalDate dos, List<Edit> edits) {
        for (CodedLine line : lines) {
            List<Integer> at = List.of(line.lineNumber());
            if (codeSets.procedure(line.code(), dos).isEmpty()) {
                boolean known = codeSets.procedureKnownOnAnyDate(line.code());
                edits.add(error(
                        EditType.CODE_VALIDITY,
                        known ? "PROC-NOT-VALID-ON-DOS" : "PROC-UNKNOWN",
                        (known
                                ? "Procedure " + line.code() + " is not valid on the date of service " + dos
                                : "Procedure " + line.code() + " is not a known CPT or HCPCS code"),
                        at,
                        List.of(line.code())));
            }
            if (line.units() < 1) {
                edits.add(error(
                        EditType.OTHER,
                        "UNITS-INVALID",
                        "Line " + line.lineNumber() + " has no units",
                        at,
                        List.of(line.code())));
            }
            if (line.modifiers().size() > MAX_MODIFIERS) {
                edits.add(error(
                        EditType.OTHER,
                        "MODIFIER-COUNT",
                        "Line " + line.lineNumber() + " has more than four modifiers",
                        at,
                        List.of(line.code())));
            }
            for (String modifier : line.modifiers()) {
                if (!codeSets.modifierValid(modifier, dos)) {
                    edits.add(error(
                            EditType.CODE_VALIDITY,
                            "MODIFIER-INVALID",
                            "Modifier " + modifier + " is not valid on the date of service",
                            at,
                            List.of(line.code(), modifier)));
                }
            }
        }
    }

    private void checkDemographics(
            DocumentedEncounter encounter, List<CodedDiagnosis> diagnoses, List<CodedLine> lines, List<Edit> edits) {
        List<String> codes = new ArrayList<>();
        diagnoses.forEach(d -> codes.add(d.code()));
        lines.forEach(l -> codes.add(l.code()));
        List<DemographicRule> rules = codeSets.demographicRules(codes, encounter.dateOfService());
        if (rules.isEmpty()) {
            return;
        }
        int age = encounter.ageOnDateOfService();
        for (String code : new LinkedHashSet<>(codes)) {
            List<Integer> at = lines.stream()
                    .filter(l -> l.code().equals(code))
                    .map(CodedLine::lineNumber)
                    .toList();
            for (DemographicRule rule : rules) {
                if (!rule.matches(code)) {
                    continue;
                }
                if (rule.sex() != null && encounter.sex() != Sex.UNKNOWN && rule.sex() != encounter.sex()) {
                    edits.add(error(
                            EditType.SEX_CONFLICT,
                            "SEX-" + rule.codePrefix(),
                            code + " conflicts with the " + "patient's sex: " + rule.note(),
                            at,
                            List.of(code)));
                }
                if ((rule.minAge() != null && age < rule.minAge()) || (rule.maxAge() != null && age > rule.maxAge())) {
                    edits.add(error(
                            EditType.AGE_CONFLICT,
                            "AGE-" + rule.codePrefix(),
                            code + " conflicts with the " + "patient's age: " + rule.note(),
                            at,
                            List.of(code)));
                }
            }
        }
    }

    private void checkExcludes1(List<CodedDiagnosis> diagnoses, LocalDate dos, List<Edit> edits) {
        List<String> codes = diagnoses.stream().map(CodedDiagnosis::code).toList();
        Set<String> reported = new LinkedHashSet<>();
        for (Excludes1 note : codeSets.excludes1(codes, dos)) {
            for (String a : codes) {
                if (!a.startsWith(note.codePrefix())) {
                    continue;
                }
                for (String b : codes) {
                    if (!a.equals(b) && b.startsWith(note.excludedPrefix())) {
                        String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
                        if (reported.add(key)) {
                            edits.add(error(
                                    EditType.EXCLUDES1,
                                    "EXCLUDES1-" + note.codePrefix() + "-" + note.excludedPrefix(),
                                    "ICD-10-CM " + a + " and " + b + " are never coded together (Excludes1, "
                                            + "guideline I.A.12.a: " + note.note()
                                            + "), and no guideline says which one goes; "
                                            + "a coder keeps one, or both when the conditions are unrelated",
                                    List.of(),
                                    List.of(a, b)));
                        }
                    }
                }
            }
        }
    }

    private void checkNcci(List<CodedLine> lines, LocalDate dos, List<Edit> edits) {
        List<String> codes = lines.stream().map(CodedLine::code).distinct().toList();
        if (codes.size() < 2) {
            return;
        }
        for (NcciPair pair : codeSets.ncciPairs(codes, dos)) {
            if (!pair.applies()) {
                continue;
            }
            List<CodedLine> column1 =
                    lines.stream().filter(l -> l.code().equals(pair.column1())).toList();
            List<CodedLine> column2 =
                    lines.stream().filter(l -> l.code().equals(pair.column2())).toList();
            if (column1.isEmpty() || column2.isEmpty()) {
                continue;
            }
            for (CodedLine second : column2) {
                boolean bypassed = pair.bypassable() && bypassedBy(second, column1.get(0));
                if (!bypassed) {
                    List<Integer> at = List.of(column1.get(0).lineNumber(), second.lineNumber());
                    edits.add(error(
                            EditType.NCCI_PTP,
                            "NCCI-PTP-" + pair.column1() + "-" + pair.column2(),
                            pair.column2() + " is bundled into " + pair.column1() + " (modifier indicator "
                                    + pair.modifierIndicator() + ")"
                                    + (pair.bypassable()
                                            ? "; a bypass modifier is needed when the services are distinct"
                                            : "; no modifier allows both"),
                            at,
                            List.of(pair.column1(), pair.column2())));
                }
            }
        }
    }

    /** An indicator-1 pair is bypassed by 25 on an E/M column 2, or by a distinct-service modifier on column 2. */
    static boolean bypassedBy(CodedLine column2, CodedLine column1) {
        if (column2.evaluationAndManagement()) {
            return column2.modifiers().contains("25");
        }
        for (String modifier : column2.modifiers()) {
            if (NCCI_BYPASS.contains(modifier) && !"25".equals(modifier)) {
                if (("RT".equals(modifier) || "LT".equals(modifier))
                        && column1.modifiers().contains(modifier)) {
                    continue; // same side: not distinct
                }
                return true;
            }
        }
        return false;
    }

    private void checkMue(List<CodedLine> lines, LocalDate dos, List<Edit> edits) {
        Map<String, Integer> unitsByCode = new HashMap<>();
        Map<String, List<Integer>> linesByCode = new HashMap<>();
        for (CodedLine line : lines) {
            unitsByCode.merge(line.code(), line.units(), Integer::sum);
            linesByCode.computeIfAbsent(line.code(), c -> new ArrayList<>()).add(line.lineNumber());
        }
        for (CodedLine line : lines) {
            Optional<MueLimit> limit = codeSets.mue(line.code(), dos);
            if (limit.isEmpty()) {
                continue;
            }
            boolean lineEdit = limit.get().adjudicationIndicator() == '1';
            int units = lineEdit ? line.units() : unitsByCode.get(line.code());
            if (units > limit.get().maxUnits()) {
                if (!lineEdit && linesByCode.get(line.code()).get(0) != line.lineNumber()) {
                    continue; // a date-of-service edit is reported once per code
                }
                edits.add(error(
                        EditType.MUE,
                        "MUE-" + line.code(),
                        units + " units of " + line.code()
                                + " exceed the MUE of " + limit.get().maxUnits() + " (adjudication indicator "
                                + limit.get().adjudicationIndicator() + ")",
                        lineEdit ? List.of(line.lineNumber()) : linesByCode.get(line.code()),
                        List.of(line.code())));
            }
        }
    }

    private void checkPointers(List<CodedDiagnosis> diagnoses, List<CodedLine> lines, List<Edit> edits) {
        for (CodedLine line : lines) {
            List<Integer> at = List.of(line.lineNumber());
            if (line.pointers().isEmpty()) {
                edits.add(error(
                        EditType.DIAGNOSIS_POINTER,
                        "DX-POINTER-MISSING",
                        "Line " + line.lineNumber() + " (" + line.code() + ") has no diagnosis pointer",
                        at,
                        List.of(line.code())));
                continue;
            }
            if (line.pointers().size() > MAX_POINTERS) {
                edits.add(error(
                        EditType.DIAGNOSIS_POINTER,
                        "DX-POINTER-COUNT",
                        "Line " + line.lineNumber() + " has more than four diagnosis pointers",
                        at,
                        List.of(line.code())));
            }
            if (new LinkedHashSet<>(line.pointers()).size() != line.pointers().size()) {
                edits.add(error(
                        EditType.DIAGNOSIS_POINTER,
                        "DX-POINTER-DUPLICATE",
                        "Line " + line.lineNumber() + " points to the same diagnosis twice",
                        at,
                        List.of(line.code())));
            }
            for (int pointer : line.pointers()) {
                if (pointer < 1 || pointer > diagnoses.size()) {
                    edits.add(error(
                            EditType.DIAGNOSIS_POINTER,
                            "DX-POINTER-RANGE",
                            "Line " + line.lineNumber() + " points to diagnosis " + pointer + " of " + diagnoses.size(),
                            at,
                            List.of(line.code())));
                }
            }
        }
    }

    private void checkFirstListed(List<CodedDiagnosis> diagnoses, List<Edit> edits) {
        if (diagnoses.isEmpty()) {
            edits.add(error(
                    EditType.FIRST_LISTED_DIAGNOSIS,
                    "DX-NONE",
                    "No diagnosis: a claim needs at least the " + "reason for the visit",
                    List.of(),
                    List.of()));
            return;
        }
        String first = diagnoses.get(0).code();
        if (secondaryOnly(first)) {
            edits.add(error(
                    EditType.FIRST_LISTED_DIAGNOSIS,
                    "DX-FIRST-SECONDARY-ONLY",
                    first + " is reported only as an additional code, never first-listed",
                    List.of(),
                    List.of(first)));
        }
    }

    static boolean secondaryOnly(String code) {
        return SECONDARY_ONLY.stream().anyMatch(code::startsWith);
    }

    static Edit error(EditType type, String ruleId, String message, List<Integer> lines, List<String> codes) {
        return new Edit(type, ruleId, Severity.ERROR, message, lines, codes, null);
    }
}
