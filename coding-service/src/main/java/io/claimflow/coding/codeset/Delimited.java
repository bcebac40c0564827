package io.claimflow.coding.codeset;

import java.util.ArrayList;
import java.util.List;

/** Splits a tab-separated line, or a comma-separated one with optional double quotes. */
final class Delimited {

    private Delimited() {
    }

    static List<String> split(String line) {
        if (line.indexOf('\t') >= 0) {
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                fields.add(unquote(field.trim()));
            }
            return fields;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString().trim());
        return fields;
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }

    static boolean procedureCode(String text) {
        return text != null && text.trim().matches("[A-Z0-9][0-9]{3}[0-9A-Z]");
    }
}
