package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses among several valid ICD-10-CM targets of one SNOMED CT concept by the classification's rules, so the result
 * does not depend on which competing codes happen to be loaded:
 * <ol>
 *   <li>supplementary codes go when a condition code remains: "use additional code" status and organism codes
 *       (Z68, Z79, Z91.1, B95-B97), external causes (V00-Y99), poisoning and adverse effects (T36-T50, which need
 *       their own documentation), and symptoms (R00-R99) integral to a definitive condition (guideline I.B.5);</li>
 *   <li>an etiology with its manifestation (a "code first" code) is both codes, etiology first (I.A.13); a
 *       manifestation among several candidate etiologies is an alternative target and goes;</li>
 *   <li>a chronic kidney disease stage among combination codes is the stage: the combination follows from the
 *       documented conditions (I.C.9.a, I.C.4.a), not from the map;</li>
 *   <li>alternatives within one category, one of them the "unspecified" code: the unspecified code, because the
 *       concept does not document more (I.B.18).</li>
 * </ol>
 * Anything left is ambiguous by rule and goes to a coder.
 */
final class TargetChoice {

    /** The codes to report, in order, or none with the reason it is ambiguous. */
    record Choice(List<IcdCode> codes, String reason) {}

    private TargetChoice() {}

    static Choice choose(List<IcdCode> valid) {
        if (valid.size() == 1) {
            return new Choice(valid, "");
        }
        List<IcdCode> conditions =
                valid.stream().filter(c -> !supplementary(c.code())).toList();
        if (conditions.isEmpty()) {
            conditions = valid;
        }
        List<IcdCode> definitive =
                conditions.stream().filter(c -> !c.code().startsWith("R")).toList();
        List<IcdCode> remaining = definitive.isEmpty() ? conditions : definitive;
        List<String> why = new ArrayList<>();
        if (remaining.size() < valid.size()) {
            why.add("supplementary, external-cause and symptom targets left out (guideline I.B.5)");
        }
        List<IcdCode> manifestations = remaining.stream()
                .filter(c -> DiagnosisGuidelines.manifestation(c.code()))
                .toList();
        if (!manifestations.isEmpty() && manifestations.size() < remaining.size()) {
            List<IcdCode> others =
                    remaining.stream().filter(c -> !manifestations.contains(c)).toList();
            IcdCode manifestation = manifestations.get(0);
            List<IcdCode> etiologies = others.stream()
                    .filter(c -> DiagnosisGuidelines.etiologyOf(manifestation.code(), c.code()))
                    .toList();
            if (manifestations.size() == 1 && etiologies.size() == 1 && others.size() == 1) {
                return new Choice(
                        List.of(etiologies.get(0), manifestation),
                        join(
                                why,
                                "etiology " + etiologies.get(0).code() + " with its manifestation "
                                        + manifestation.code() + ", etiology first (guideline I.A.13)"));
            }
            remaining = others;
            why.add("manifestation targets are alternatives here and were left out");
        }
        if (remaining.size() == 1) {
            return new Choice(remaining, join(why, "one condition code is left"));
        }
        List<IcdCode> stages =
                remaining.stream().filter(c -> c.code().startsWith("N18")).toList();
        if (stages.size() == 1 && remaining.stream().allMatch(c -> c == stages.get(0) || combination(c.code()))) {
            return new Choice(
                    stages,
                    join(
                            why,
                            "the chronic kidney disease stage " + stages.get(0).code()
                                    + "; combination codes follow from the documented conditions (guidelines I.C.9.a, I.C.4.a)"));
        }
        String category = remaining.get(0).code().substring(0, 3);
        List<IcdCode> unspecified = remaining.stream()
                .filter(c -> c.longDescription().toLowerCase(Locale.ROOT).contains("unspecified"))
                .toList();
        if (remaining.stream().allMatch(c -> c.code().startsWith(category)) && unspecified.size() == 1) {
            return new Choice(
                    unspecified,
                    join(
                            why,
                            "the unspecified code of category " + category
                                    + ": the concept documents nothing more specific (guideline I.B.18)"));
        }
        return new Choice(
                List.of(),
                join(
                        why,
                        "no guideline chooses between "
                                + remaining.stream().map(IcdCode::code).toList()));
    }

    static boolean supplementary(String code) {
        char first = code.charAt(0);
        if (first == 'V' || first == 'W' || first == 'X' || first == 'Y') {
            return true;
        }
        if (first == 'T' && code.length() >= 3) {
            int category = Integer.parseInt(code.substring(1, 3).replaceAll("[^0-9]", "0"));
            if (category >= 36 && category <= 50) {
                return true;
            }
        }
        return CodingEdits.SECONDARY_ONLY.stream().anyMatch(code::startsWith);
    }

    private static boolean combination(String code) {
        return code.startsWith("I12")
                || code.startsWith("I13")
                || code.startsWith("I15")
                || code.matches("E(08|09|10|11|13)\\.22");
    }

    private static String join(List<String> why, String last) {
        List<String> all = new ArrayList<>(why);
        all.add(last);
        return String.join("; ", all);
    }
}
