package io.claimflow.console.web.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The coder's edit form: diagnoses one per field (first-listed first, a blank field is removed) and service lines one
 * per row of parallel fields (code, modifiers, units, pointers, and for a drug line NDC, quantity and unit; a row
 * without a code is removed). Turns the form into coding-service's finalize body and back, so a refused finalize
 * shows the coder's own edits again.
 */
final class CodingForm {

    /** Blank rows the form offers for adding a diagnosis or a line. */
    static final int SPARE_ROWS = 2;

    /** One line as the form shows it. */
    record Line(
            String code,
            String modifiers,
            String units,
            String pointers,
            String ndc,
            String drugQuantity,
            String drugUnit) {

        boolean blank() {
            return code == null || code.isBlank();
        }
    }

    private final List<String> diagnoses;
    private final List<Line> lines;

    CodingForm(List<String> diagnoses, List<Line> lines) {
        this.diagnoses = diagnoses;
        this.lines = lines;
    }

    /** The form as submitted. */
    static CodingForm of(MultiValueMap<String, String> form) {
        List<String> diagnoses = new ArrayList<>(values(form, "dx"));
        List<String> codes = values(form, "lineCode");
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            lines.add(new Line(
                    codes.get(i),
                    at(form, "lineModifiers", i),
                    at(form, "lineUnits", i),
                    at(form, "linePointers", i),
                    at(form, "lineNdc", i),
                    at(form, "lineDrugQuantity", i),
                    at(form, "lineDrugUnit", i)));
        }
        return new CodingForm(diagnoses, lines);
    }

    /** The rules' suggestion (coding-service's {@code suggestion}: diagnoses and lines), as the form's start. */
    static CodingForm ofSuggestion(Object suggestion) {
        List<String> diagnoses = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        if (suggestion instanceof Map<?, ?> s) {
            if (s.get("diagnoses") instanceof List<?> list) {
                for (Object d : list) {
                    diagnoses.add(d instanceof Map<?, ?> m ? text(m.get("code")) : text(d));
                }
            }
            if (s.get("lines") instanceof List<?> list) {
                for (Object l : list) {
                    if (l instanceof Map<?, ?> m) {
                        Map<?, ?> drug = m.get("drug") instanceof Map<?, ?> d ? d : Map.of();
                        lines.add(new Line(
                                text(m.get("code")),
                                join(m.get("modifiers"), " "),
                                m.get("units") == null ? "1" : text(m.get("units")),
                                join(m.get("pointers"), ","),
                                text(drug.get("ndc")),
                                text(drug.get("quantity")),
                                text(drug.get("unit"))));
                    }
                }
            }
        }
        return new CodingForm(diagnoses, lines);
    }

    /** The diagnoses with {@link #SPARE_ROWS} blank fields to add more. */
    List<String> diagnosisRows() {
        List<String> rows =
                new ArrayList<>(diagnoses.stream().filter(d -> !d.isBlank()).toList());
        for (int i = 0; i < SPARE_ROWS; i++) {
            rows.add("");
        }
        return rows;
    }

    /** The lines with {@link #SPARE_ROWS} blank rows to add more. */
    List<Line> lineRows() {
        List<Line> rows = new ArrayList<>(lines.stream().filter(l -> !l.blank()).toList());
        for (int i = 0; i < SPARE_ROWS; i++) {
            rows.add(new Line("", "", "1", "", "", "", ""));
        }
        return rows;
    }

    /**
     * coding-service's finalize body: {@code {"diagnoses": [...], "lines": [{code, modifiers, units, pointers,
     * ndc, drugQuantity, drugUnit}]}}.
     *
     * @throws IllegalArgumentException with a message for the coder when a field cannot be read
     */
    Map<String, Object> body() {
        List<String> codes =
                diagnoses.stream().map(String::strip).filter(d -> !d.isEmpty()).toList();
        List<Map<String, Object>> parsed = new ArrayList<>();
        int number = 0;
        for (Line line : lines) {
            if (line.blank()) {
                continue;
            }
            number++;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", line.code().strip());
            out.put("modifiers", split(line.modifiers(), "[,\\s]+"));
            out.put("units", number(line.units(), number, "units", 1));
            List<Integer> pointers = new ArrayList<>();
            for (String p : split(line.pointers(), "[,\\s]+")) {
                pointers.add(number(p, number, "diagnosis pointers", null));
            }
            out.put("pointers", pointers);
            if (line.ndc() != null && !line.ndc().isBlank()) {
                out.put("ndc", line.ndc().strip());
                if (line.drugQuantity() != null && !line.drugQuantity().isBlank()) {
                    try {
                        out.put(
                                "drugQuantity",
                                new java.math.BigDecimal(line.drugQuantity().strip()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Line " + number + ": the drug quantity is not a number");
                    }
                }
                out.put("drugUnit", blankToNull(line.drugUnit()));
            }
            parsed.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("diagnoses", codes);
        body.put("lines", parsed);
        return body;
    }

    private static Integer number(String text, int line, String field, Integer blank) {
        if (text == null || text.isBlank()) {
            if (blank != null) {
                return blank;
            }
            throw new IllegalArgumentException("Line " + line + ": " + field + " must be whole numbers");
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Line " + line + ": " + field + " must be whole numbers");
        }
    }

    private static List<String> values(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        return values == null ? List.of() : values;
    }

    private static String at(MultiValueMap<String, String> form, String name, int index) {
        List<String> values = values(form, name);
        return index < values.size() ? values.get(index) : "";
    }

    private static List<String> split(String text, String separator) {
        if (text == null) {
            return List.of();
        }
        return java.util.Arrays.stream(text.strip().split(separator))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String join(Object list, String separator) {
        return list instanceof List<?> l
                ? String.join(separator, l.stream().map(String::valueOf).toList())
                : "";
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
