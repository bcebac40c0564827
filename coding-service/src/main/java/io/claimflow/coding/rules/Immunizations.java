package io.claimflow.coding.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Vaccine administration codes for the vaccine products given at one visit: COVID-19 vaccines 90480 each; for a
 * Medicare Part B patient influenza G0008, pneumococcal G0009 and hepatitis B G0010 (one per visit each, CMS); every
 * other vaccine 90471 for the first and 90472 for each additional one. 90460/90461 (under 19 with counselling by the
 * physician) need the counselling documented, which EncounterDocumented does not carry: they are never chosen
 * automatically.
 */
public final class Immunizations {

    static final Set<String> PNEUMOCOCCAL = Set.of("90670", "90671", "90677", "90732", "90684");
    static final Set<String> HEPATITIS_B = Set.of("90739", "90740", "90743", "90744", "90746", "90747", "90759");
    /** Documented administration codes: with one of them the rules add none. */
    static final Set<String> ADMINISTRATION =
            Set.of("90460", "90461", "90471", "90472", "90473", "90474", "90480", "G0008", "G0009", "G0010");

    private Immunizations() {}

    /** Administration code to units, in claim order, for the vaccine product codes given. */
    public static Map<String, Integer> administration(List<String> products, boolean medicare) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String product : products) {
            if (covid19(product)) {
                codes.merge("90480", 1, Integer::sum);
            } else if (medicare && influenza(product)) {
                codes.put("G0008", 1);
            } else if (medicare && PNEUMOCOCCAL.contains(product)) {
                codes.put("G0009", 1);
            } else if (medicare && HEPATITIS_B.contains(product)) {
                codes.put("G0010", 1);
            } else {
                others.add(product);
            }
        }
        if (!others.isEmpty()) {
            codes.put("90471", 1);
            if (others.size() > 1) {
                codes.put("90472", others.size() - 1);
            }
        }
        return codes;
    }

    /** Influenza virus vaccines: 90630, 90653-90668, 90672-90674, 90682, 90685-90689, 90694, 90756, Q2034-Q2039. */
    static boolean influenza(String code) {
        if (code.startsWith("Q20")) {
            return true;
        }
        if (!code.matches("\\d{5}")) {
            return false;
        }
        int n = Integer.parseInt(code);
        return n == 90630
                || n >= 90653 && n <= 90668
                || n >= 90672 && n <= 90674
                || n == 90682
                || n >= 90685 && n <= 90689
                || n == 90694
                || n == 90756;
    }

    static boolean covid19(String code) {
        return code.startsWith("913") || code.startsWith("0") && code.endsWith("A");
    }
}
