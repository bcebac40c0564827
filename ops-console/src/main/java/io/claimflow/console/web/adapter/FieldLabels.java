package io.claimflow.console.web.adapter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * People's words for the field names of a service's answer that a page shows as "label: value" rows (a recode's
 * cause, an interchange's record): a label for each name the pages know, and any other name written out in words
 * ({@code interchangeControlNumber}: "Interchange control number"). A dotted name ({@code reason.payerText}) is
 * labelled by its last part.
 */
final class FieldLabels {

    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("claimId", "Claim"),
            Map.entry("encounterId", "Encounter"),
            Map.entry("previousCodingVersion", "Coding version the payer denied"),
            Map.entry("codingVersion", "Coding version"),
            Map.entry("attempt", "Recode attempt"),
            Map.entry("stage", "Refused at"),
            Map.entry("category", "Kind of denial"),
            Map.entry("payerClaimNumber", "Payer's claim number"),
            Map.entry("adjustments", "Adjustments"),
            Map.entry("remarkCodes", "Remark codes"),
            Map.entry("rejections", "Rejection reasons"),
            Map.entry("payerText", "The payer's words"),
            Map.entry("affectedLineNumbers", "Service lines concerned"),
            Map.entry("carcs", "Reason codes"),
            Map.entry("instructions", "Biller's instructions"),
            Map.entry("payerId", "Payer"),
            Map.entry("tenantId", "Practice"),
            Map.entry("transactionType", "Transaction"),
            Map.entry("createdAt", "Recorded"),
            Map.entry("at", "Recorded"));

    /** Fields whose values are code-list names ({@code ADJUDICATED_DENIAL}), shown in words too. */
    private static final List<String> WORDED_VALUES = List.of("stage", "category", "status", "outcome", "direction");

    private FieldLabels() {}

    /** The label of a field name. */
    static String label(String key) {
        String name = key.substring(key.lastIndexOf('.') + 1);
        String label = LABELS.get(name);
        return label != null ? label : words(name);
    }

    /** {@code rows} (field name: value) with labels for names, and code-list values in words. */
    static Map<String, Object> labelled(Map<String, Object> rows) {
        Map<String, Object> labelled = new LinkedHashMap<>();
        rows.forEach((key, value) -> {
            String name = key.substring(key.lastIndexOf('.') + 1);
            Object shown = WORDED_VALUES.contains(name) && value instanceof String s && s.matches("[A-Z][A-Z0-9_]*")
                    ? words(s)
                    : value;
            labelled.merge(label(key), shown == null ? "" : shown, (a, b) -> a + "\n" + b);
        });
        return labelled;
    }

    /**
     * A recode's cause (coding-service's {@code recodeCause}: the denied claim, the coding version, the attempt and
     * the denial) as labelled rows; its adjustments as {@code CO-16 100.00}, its rejections as code and description.
     */
    static Map<String, Object> recodeCause(Map<?, ?> cause) {
        Map<String, Object> copy = new LinkedHashMap<>();
        cause.forEach((k, v) -> copy.put(String.valueOf(k), v));
        if (copy.get("reason") instanceof Map<?, ?> reason) {
            Map<String, Object> denial = new LinkedHashMap<>();
            reason.forEach((k, v) -> denial.put(String.valueOf(k), v));
            denial.computeIfPresent("adjustments", (k, v) -> v instanceof List<?> l ? adjustments(l) : v);
            denial.computeIfPresent("rejections", (k, v) -> v instanceof List<?> l ? rejections(l) : v);
            copy.put("reason", denial);
        }
        return labelled(Tables.flatten(copy));
    }

    private static List<String> adjustments(List<?> adjustments) {
        return adjustments.stream()
                .map(a -> a instanceof Map<?, ?> m
                        ? (m.get("groupCode") + "-" + m.get("reasonCode")
                                + (m.get("amount") == null ? "" : " " + m.get("amount")))
                        : String.valueOf(a))
                .toList();
    }

    private static List<String> rejections(List<?> rejections) {
        return rejections.stream()
                .map(r -> r instanceof Map<?, ?> m
                        ? m.get("code") + (m.get("description") == null ? "" : ": " + m.get("description"))
                        : String.valueOf(r))
                .toList();
    }

    /** {@code previousCodingVersion} or {@code ADJUDICATED_DENIAL} in words: "Previous coding version". */
    static String words(String name) {
        String spaced = name.contains("_")
                ? name.replace('_', ' ').toLowerCase(Locale.ROOT)
                : name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
