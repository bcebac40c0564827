package io.claimflow.console.web.adapter;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** claim-service's work-list pages as the rows the held and denial pages show. */
final class WorkListRows {

    private WorkListRows() {}

    /**
     * The held claims of a {@code /work-lists/held/search} page: the claim's fields, its open findings as
     * {@code reasons}, its age in days from the date of service to {@code today}, and {@code payer} the payer's name
     * (self-pay when it has none).
     */
    static List<Map<String, Object>> held(Object page, LocalDate today) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (page instanceof Map<?, ?> p && p.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> held) {
                    Map<String, Object> row = new LinkedHashMap<>(Tables.flatten(held.get("claim")));
                    List<Map<?, ?>> reasons = new ArrayList<>();
                    if (held.get("reasons") instanceof List<?> rs) {
                        rs.stream().filter(r -> r instanceof Map<?, ?>).forEach(r -> reasons.add((Map<?, ?>) r));
                    }
                    row.put("reasons", reasons);
                    row.put("ageDays", WebParams.daysSince(row.get("dateOfService"), today));
                    row.put("payer", payer(row.get("payerId"), row.get("payerName"), null));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The items of a {@code /work-lists/denials/search} page, with {@code payer} named from {@code payerNames}. */
    static List<Map<String, Object>> denials(Object page, Map<String, String> payerNames) {
        List<Map<String, Object>> rows = Tables.rows(page, "items");
        rows.forEach(r -> r.put("payer", payer(r.get("payerId"), null, payerNames)));
        return rows;
    }

    /** "Buckeye Health Plan (BKHP1)", the id alone when no name is known, "self-pay" without a payer. */
    static String payer(Object id, Object name, Map<String, String> names) {
        if (id == null) {
            return "self-pay";
        }
        Object known = name != null ? name : names == null ? null : names.get(String.valueOf(id));
        return known == null || String.valueOf(known).isBlank() ? String.valueOf(id) : known + " (" + id + ")";
    }
}
