package io.claimflow.coding.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ICD-10-CM Official Guidelines for Coding and Reporting that combine, add or order diagnosis codes, applied to
 * the diagnoses of one encounter after each was resolved on its own:
 * <ul>
 *   <li>I.A.15 "with" and I.C.9.a: hypertension with chronic kidney disease is I12.-, with heart failure or heart
 *       disease I11.-, with both I13.-; the link is presumed unless documented otherwise; the CKD stage (N18.-) and
 *       the heart failure type (I50.-) stay as additional codes after the combination code;</li>
 *   <li>I.C.4.a: diabetes "with" a complication the Alphabetic Index links to it is the E1x combination code, as
 *       many as there are complications; E1x.9 (without complications) goes;</li>
 *   <li>I.A.13 "code first" / "use additional code": an etiology is sequenced before its manifestation; a
 *       manifestation without its etiology, or a combination code without the additional code it asks for, is
 *       held with what is missing;</li>
 *   <li>I.A.12.a Excludes1: of a pair never coded together, a sign or symptom (R00-R69, and the pain codes M25.5-,
 *       M54.5-M54.9, M79.6-) goes when the other is a definitive diagnosis (I.B.4, I.B.5), and a form "not specified"
 *       gives way to the specified one (I.A.9.a); any other pair stays for {@link CodingEdits}, which holds it
 *       naming both codes.</li>
 * </ul>
 * A code the rules need that is not in the loaded code set on the date of service holds the encounter.
 */
final class DiagnosisGuidelines {

    /** What applying the guidelines gave. */
    record Outcome(List<CodedDiagnosis> diagnoses, List<Edit> edits, List<HoldReason> holds) {}

    /** Diabetes complication (by code prefix) -> the 4th-6th characters of the E1x combination code, and whether
     *  the complication code is kept as an additional code ("use additional code") or included in the combination. */
    record DiabetesLink(String complicationPrefix, String combinationSuffix, boolean keepComplication, String words) {}

    static final List<DiabetesLink> DIABETES_LINKS = List.of(
            new DiabetesLink("N18", ".22", true, "chronic kidney disease"),
            new DiabetesLink("G62.9", ".42", false, "polyneuropathy"),
            new DiabetesLink("I73.9", ".51", false, "peripheral angiopathy"),
            new DiabetesLink("H26.9", ".36", false, "cataract"),
            new DiabetesLink("E16.2", ".649", false, "hypoglycemia"),
            new DiabetesLink("R73.9", ".65", false, "hyperglycemia"),
            new DiabetesLink("L97", ".621", true, "foot ulcer"));

    /** Manifestation codes ("in diseases classified elsewhere", code first) and the etiologies that may precede them. */
    static final Map<String, List<String>> MANIFESTATIONS = Map.of(
            "F02.8", List.of("G30", "G31", "G20", "G10", "G35", "B20", "E83.0"),
            "F02.A", List.of("G30", "G31", "G20", "G10", "G35", "B20", "E83.0"),
            "F02.B", List.of("G30", "G31", "G20", "G10", "G35", "B20", "E83.0"),
            "F02.C", List.of("G30", "G31", "G20", "G10", "G35", "B20", "E83.0"),
            "G53", List.of("E08", "E09", "E10", "E11", "E13", "B02", "A69.2"),
            "G63",
                    List.of(
                            "E85", "E00", "E01", "E02", "E03", "E04", "E05", "E06", "E07", "E50", "E51", "E52", "E53",
                            "E54", "E55", "E56", "B20", "C", "D3", "D4"));

    /** Combination codes that ask for an additional code, and which. */
    record Additional(String combinationPrefix, String additionalPrefix, String what) {}

    static final List<Additional> ADDITIONAL = List.of(
            new Additional("I12", "N18", "the stage of chronic kidney disease (N18.-)"),
            new Additional("I13", "N18", "the stage of chronic kidney disease (N18.-)"),
            new Additional("I11.0", "I50", "the type of heart failure (I50.-)"),
            new Additional("I13.0", "I50", "the type of heart failure (I50.-)"),
            new Additional("I13.2", "I50", "the type of heart failure (I50.-)"),
            new Additional("E10.22", "N18", "the stage of chronic kidney disease (N18.-)"),
            new Additional("E11.22", "N18", "the stage of chronic kidney disease (N18.-)"),
            new Additional("E10.621", "L97", "the site of the ulcer (L97.4-, L97.5-)"),
            new Additional("E11.621", "L97", "the site of the ulcer (L97.4-, L97.5-)"));

    private final CodeSets codeSets;
    private final LocalDate dos;
    private final List<Edit> edits = new ArrayList<>();
    private final List<HoldReason> holds = new ArrayList<>();

    private DiagnosisGuidelines(CodeSets codeSets, LocalDate dos) {
        this.codeSets = codeSets;
        this.dos = dos;
    }

    static Outcome apply(CodeSets codeSets, LocalDate dos, List<CodedDiagnosis> diagnoses) {
        DiagnosisGuidelines rules = new DiagnosisGuidelines(codeSets, dos);
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        result = rules.diabetes(result);
        result = rules.hypertension(result);
        result = rules.additionalCodesAfter(result);
        result = rules.etiologyFirst(result);
        result = rules.excludes1(result);
        result = rules.routineSymptoms(result);
        return new Outcome(result, rules.edits, rules.holds);
    }

    static boolean manifestation(String code) {
        return MANIFESTATIONS.keySet().stream().anyMatch(code::startsWith);
    }

    static boolean etiologyOf(String manifestation, String code) {
        return MANIFESTATIONS.entrySet().stream()
                .filter(e -> manifestation.startsWith(e.getKey()))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(code::startsWith);
    }

    // --- hypertension (I.C.9.a) ------------------------------------------------------------------------------------

    private List<CodedDiagnosis> hypertension(List<CodedDiagnosis> diagnoses) {
        int hypertension = indexOf(diagnoses, c -> c.equals("I10"));
        boolean combinationDocumented = diagnoses.stream()
                .anyMatch(d -> d.code().startsWith("I11")
                        || d.code().startsWith("I12")
                        || d.code().startsWith("I13"));
        if (hypertension >= 0 && combinationDocumented) {
            CodedDiagnosis dropped = diagnoses.get(hypertension);
            List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
            result.remove(hypertension);
            edits.add(info(
                    "ICD-HTN-INCLUDED",
                    "I10 is included in the documented hypertensive combination code " + "(guideline I.C.9.a)",
                    List.of(dropped.code()),
                    "Removed I10"));
            return result;
        }
        if (hypertension < 0) {
            return diagnoses;
        }
        Optional<String> ckd = first(diagnoses, c -> c.startsWith("N18"));
        boolean heartFailure = diagnoses.stream().anyMatch(d -> d.code().startsWith("I50"));
        boolean heartDisease = diagnoses.stream().anyMatch(d -> heartDisease(d.code()));
        if (ckd.isEmpty() && !heartFailure && !heartDisease) {
            return diagnoses;
        }
        boolean stage5 =
                ckd.isPresent() && (ckd.get().equals("N18.5") || ckd.get().equals("N18.6"));
        String code;
        String why;
        if (ckd.isPresent() && (heartFailure || heartDisease)) {
            code = heartFailure ? (stage5 ? "I13.2" : "I13.0") : (stage5 ? "I13.11" : "I13.10");
            why = "hypertension with heart disease and chronic kidney disease (guideline I.C.9.a.3)";
        } else if (ckd.isPresent()) {
            code = stage5 ? "I12.0" : "I12.9";
            why = "hypertension with chronic kidney disease (guideline I.C.9.a.2)";
        } else {
            code = heartFailure ? "I11.0" : "I11.9";
            why = "hypertension with heart " + (heartFailure ? "failure" : "disease") + " (guideline I.C.9.a.1)";
        }
        return replace(diagnoses, hypertension, code, why, "ICD-COMBINATION-HTN");
    }

    /** Heart conditions the Tabular includes in I11 when due to hypertension: I51.4-I51.7, I51.89, I51.9. */
    static boolean heartDisease(String code) {
        return code.startsWith("I51.4")
                || code.startsWith("I51.5")
                || code.startsWith("I51.6")
                || code.startsWith("I51.7")
                || code.equals("I51.89")
                || code.equals("I51.9");
    }

    // --- diabetes "with" (I.A.15, I.C.4.a) ----------------------------------------------------------------------

    private List<CodedDiagnosis> diabetes(List<CodedDiagnosis> diagnoses) {
        int at = indexOf(diagnoses, c -> c.startsWith("E10") || c.startsWith("E11"));
        if (at < 0) {
            return diagnoses;
        }
        String category = diagnoses.get(at).code().substring(0, 3);
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        List<String> added = new ArrayList<>();
        for (DiabetesLink link : DIABETES_LINKS) {
            int complication = indexOf(result, c -> c.startsWith(link.complicationPrefix()));
            if (complication < 0) {
                continue;
            }
            String code = category + link.combinationSuffix();
            if (result.stream().anyMatch(d -> d.code().equals(code))) {
                if (!link.keepComplication()) {
                    result.remove(complication);
                }
                continue;
            }
            Optional<IcdCode> combination = codeSets.icd(code, dos).filter(IcdCode::billable);
            if (combination.isEmpty()) {
                hold(
                        "ICD-COMBINATION-UNAVAILABLE",
                        "Diabetes with " + link.words() + " is coded " + code
                                + " (guideline I.C.4.a, the Index's \"with\"), which is not in the loaded ICD-10-CM set on "
                                + dos);
                continue;
            }
            CodedDiagnosis complicationCode = result.get(complication);
            int diabetesAt = indexOf(result, c -> c.startsWith(category));
            result.add(
                    diabetesAt + 1 + added.size(),
                    new CodedDiagnosis(code, combination.get().longDescription()));
            added.add(code);
            if (!link.keepComplication()) {
                result.remove(complicationCode);
            }
            edits.add(info(
                    "ICD-COMBINATION-DM",
                    "Diabetes with " + link.words() + ": the classification links them "
                            + "(guideline I.A.15 \"with\", I.C.4.a)"
                            + (link.keepComplication()
                                    ? "; " + complicationCode.code() + " stays as the additional code"
                                    : ""),
                    List.of(complicationCode.code(), code),
                    "Coded " + code + (link.keepComplication() ? "" : " in place of " + complicationCode.code())));
        }
        if (!added.isEmpty()) {
            result.removeIf(d -> d.code().equals(category + ".9"));
        }
        return result;
    }

    // --- use additional code, code first ------------------------------------------------------------------------

    /** Additional codes follow the combination code that asks for them; a missing one holds. */
    private List<CodedDiagnosis> additionalCodesAfter(List<CodedDiagnosis> diagnoses) {
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        for (Additional rule : ADDITIONAL) {
            int combination = lastIndexOf(result, c -> c.startsWith(rule.combinationPrefix()));
            if (combination < 0) {
                continue;
            }
            String combinationCode = result.get(combination).code();
            int additional = indexOf(result, c -> c.startsWith(rule.additionalPrefix()));
            if (additional < 0) {
                hold(
                        "ICD-ADDITIONAL-CODE-MISSING",
                        combinationCode + ": use additional code to identify " + rule.what()
                                + "; the documentation gives none");
                continue;
            }
            if (additional < combination) {
                CodedDiagnosis moved = result.remove(additional);
                int after = lastIndexOf(
                        result,
                        c -> ADDITIONAL.stream()
                                .anyMatch(r -> c.startsWith(r.combinationPrefix())
                                        && r.additionalPrefix().equals(rule.additionalPrefix())));
                result.add(after + 1, moved);
            }
        }
        return result;
    }

    /** An etiology goes before its manifestation; a manifestation without one holds. */
    private List<CodedDiagnosis> etiologyFirst(List<CodedDiagnosis> diagnoses) {
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        for (CodedDiagnosis dx : List.copyOf(result)) {
            if (!manifestation(dx.code())) {
                continue;
            }
            int manifestationAt = result.indexOf(dx);
            int etiology = indexOf(result, c -> etiologyOf(dx.code(), c));
            if (etiology < 0) {
                hold(
                        "ICD-CODE-FIRST-MISSING",
                        dx.code() + " is a manifestation code: code first the underlying "
                                + "condition (guideline I.A.13); none is documented");
                continue;
            }
            if (etiology > manifestationAt) {
                CodedDiagnosis moved = result.remove(etiology);
                result.add(manifestationAt, moved);
                edits.add(new Edit(
                        EditType.FIRST_LISTED_DIAGNOSIS,
                        "ICD-CODE-FIRST",
                        Severity.INFO,
                        dx.code()
                                + " is a manifestation: its etiology " + moved.code()
                                + " is sequenced first (guideline "
                                + "I.A.13)",
                        List.of(),
                        List.of(moved.code(), dx.code()),
                        "Moved " + moved.code() + " before " + dx.code()));
            }
        }
        return result;
    }

    // --- Excludes1 (I.A.12.a) --------------------------------------------------------------------------------------

    /** Resolves the Excludes1 pairs the guidelines themselves settle; the others are left for the edit to hold. */
    private List<CodedDiagnosis> excludes1(List<CodedDiagnosis> diagnoses) {
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        List<Excludes1> notes =
                codeSets.excludes1(result.stream().map(CodedDiagnosis::code).toList(), dos);
        for (Excludes1 note : notes) {
            for (CodedDiagnosis a : List.copyOf(result)) {
                for (CodedDiagnosis b : List.copyOf(result)) {
                    if (a.equals(b)
                            || !result.contains(a)
                            || !result.contains(b)
                            || !a.code().startsWith(note.codePrefix())
                            || !b.code().startsWith(note.excludedPrefix())) {
                        continue;
                    }
                    CodedDiagnosis dropped = null;
                    String ruleId = null;
                    String why = null;
                    if (symptom(a.code()) != symptom(b.code())) {
                        dropped = symptom(a.code()) ? a : b;
                        ruleId = "ICD-EXCLUDES1-SYMPTOM";
                        why = dropped.code() + " is a sign or symptom of the definitive diagnosis "
                                + other(a, b, dropped) + " (guidelines I.B.4, I.B.5)";
                    } else if (notSpecified(a) != notSpecified(b)
                            && a.code().charAt(0) == b.code().charAt(0)) {
                        dropped = notSpecified(a) ? a : b;
                        ruleId = "ICD-EXCLUDES1-SPECIFIED";
                        why = dropped.code() + " is the form not specified; " + other(a, b, dropped)
                                + " is documented (guideline I.A.9.a)";
                    }
                    if (dropped != null) {
                        result.remove(dropped);
                        edits.add(info(
                                ruleId,
                                a.code() + " and " + b.code() + " are never coded together (Excludes1, "
                                        + "guideline I.A.12.a): " + why,
                                List.of(a.code(), b.code()),
                                "Removed " + dropped.code()));
                    }
                }
            }
        }
        return result;
    }

    /**
     * Signs and symptoms routinely associated with a disease process (I.B.5, IV.D), by code prefix: fever and cough
     * with acute respiratory infections, pneumonia and COVID-19, cough with chronic lower respiratory disease,
     * headache with migraine and other headache syndromes, throat pain with pharyngitis and tonsillitis.
     */
    static final Map<String, List<String>> ROUTINE_SYMPTOMS = Map.of(
            "R50",
                    List.of(
                            "J0", "J10", "J11", "J12", "J13", "J14", "J15", "J16", "J17", "J18", "J20", "J21", "J22",
                            "U07.1"),
            "R05",
                    List.of(
                            "J0", "J10", "J11", "J12", "J13", "J14", "J15", "J16", "J17", "J18", "J20", "J21", "J22",
                            "J40", "J41", "J42", "J43", "J44", "J45", "J47", "U07.1"),
            "R51", List.of("G43", "G44"),
            "R07.0", List.of("J02", "J03"));

    private List<CodedDiagnosis> routineSymptoms(List<CodedDiagnosis> diagnoses) {
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        for (CodedDiagnosis dx : diagnoses) {
            List<String> diseases = ROUTINE_SYMPTOMS.entrySet().stream()
                    .filter(e -> dx.code().startsWith(e.getKey()))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
            Optional<String> disease = first(result, c -> diseases.stream().anyMatch(c::startsWith));
            if (disease.isPresent()) {
                result.remove(dx);
                edits.add(info(
                        "ICD-SYMPTOM-ROUTINE",
                        dx.code() + " is routinely associated with " + disease.get()
                                + " and is not coded (guidelines I.B.5, IV.D)",
                        List.of(dx.code(), disease.get()),
                        "Removed " + dx.code()));
            }
        }
        return result;
    }

    private static String other(CodedDiagnosis a, CodedDiagnosis b, CodedDiagnosis dropped) {
        return (dropped == a ? b : a).code();
    }

    /** Chapter 18 signs and symptoms (R00-R69; R70-R99 are findings) and the pain codes the Index lists under Pain. */
    static boolean symptom(String code) {
        if (code.startsWith("R")) {
            return code.length() >= 3 && Character.isDigit(code.charAt(1)) && code.charAt(1) < '7';
        }
        return code.startsWith("M25.5")
                || code.startsWith("M54.5")
                || code.startsWith("M54.6")
                || code.startsWith("M54.8")
                || code.startsWith("M54.9")
                || code.startsWith("M79.6");
    }

    private static boolean notSpecified(CodedDiagnosis dx) {
        String text = dx.description() == null ? "" : dx.description().toLowerCase(java.util.Locale.ROOT);
        return text.contains("not specified as");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private List<CodedDiagnosis> replace(
            List<CodedDiagnosis> diagnoses, int at, String code, String why, String ruleId) {
        Optional<IcdCode> combination = codeSets.icd(code, dos).filter(IcdCode::billable);
        String old = diagnoses.get(at).code();
        if (combination.isEmpty()) {
            hold(
                    "ICD-COMBINATION-UNAVAILABLE",
                    "The guidelines code " + why + " as " + code + ", which is not in the loaded ICD-10-CM set on "
                            + dos);
            return diagnoses;
        }
        List<CodedDiagnosis> result = new ArrayList<>(diagnoses);
        result.set(at, new CodedDiagnosis(code, combination.get().longDescription()));
        edits.add(info(
                ruleId,
                "The classification presumes a causal link: " + why,
                List.of(old, code),
                "Coded " + code + " in place of " + old));
        return result;
    }

    private static int indexOf(List<CodedDiagnosis> diagnoses, Predicate<String> match) {
        for (int i = 0; i < diagnoses.size(); i++) {
            if (match.test(diagnoses.get(i).code())) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<CodedDiagnosis> diagnoses, Predicate<String> match) {
        for (int i = diagnoses.size() - 1; i >= 0; i--) {
            if (match.test(diagnoses.get(i).code())) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> first(List<CodedDiagnosis> diagnoses, Predicate<String> match) {
        int at = indexOf(diagnoses, match);
        return at < 0 ? Optional.empty() : Optional.of(diagnoses.get(at).code());
    }

    private static Edit info(String ruleId, String message, List<String> codes, String resolution) {
        return new Edit(EditType.OTHER, ruleId, Severity.INFO, message, List.of(), codes, resolution);
    }

    private void hold(String code, String message) {
        holds.add(new HoldReason(code, message));
    }
}
