package io.claimflow.console.web.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A service's JSON answer as table rows for a page: nested objects become dotted columns ({@code claim.claimId}),
 * lists of scalars are joined, lists of objects are shown one per line.
 */
final class Tables {

    private Tables() {}

    /** The rows of {@code body}: the list itself, or the list under the first of {@code listKeys} it has. */
    static List<Map<String, Object>> rows(Object body, String... listKeys) {
        Object list = body;
        if (body instanceof Map<?, ?> map) {
            list = null;
            for (String key : listKeys) {
                if (map.get(key) instanceof List<?>) {
                    list = map.get(key);
                    break;
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                rows.add(flatten(item));
            }
        }
        return rows;
    }

    /** One object as dotted columns. */
    static Map<String, Object> flatten(Object item) {
        Map<String, Object> row = new LinkedHashMap<>();
        flatten("", item, row);
        return row;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> row) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, row));
        } else if (value instanceof List<?> list) {
            row.put(prefix, list.stream().map(Tables::text).collect(Collectors.joining("\n")));
        } else {
            row.put(prefix.isEmpty() ? "value" : prefix, value);
        }
    }

    private static String text(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + ": " + text(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Tables::text).collect(Collectors.joining("; "));
        }
        return String.valueOf(value);
    }

    /** The column names of all rows, in first-seen order. */
    static List<String> columns(List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>();
        rows.forEach(r -> r.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add));
        return columns;
    }
}
