package io.claimflow.coding.codeset;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CMS MUE table (practitioner, outpatient hospital or DME) saved as CSV or tab-separated text: HCPCS/CPT
 * code, MUE value, MUE adjudication indicator (as CMS writes it, e.g. "2 Date of Service Edit: Policy"), rationale.
 * Title and header lines before the first row are skipped.
 */
public final class MueFile {

    /** One limit. */
    public record Entry(String code, int maxUnits, char adjudicationIndicator, String rationale) {}

    private static final String NAME = "MUE file";

    private MueFile() {}

    public static List<Entry> parse(Reader reader) {
        List<Entry> entries = new ArrayList<>();
        Delimited.forEachLine(reader, (line, number) -> {
            List<String> fields = rowFields(line, number, entries.isEmpty());
            if (fields.size() < 3 || !Delimited.procedureCode(fields.get(0))) {
                if (entries.isEmpty() || line.isBlank()) {
                    return;
                }
                throw new CodeSetFileException(
                        NAME, number, "not an MUE row (code, MUE value, adjudication " + "indicator, rationale)");
            }
            int units;
            try {
                units = Integer.parseInt(fields.get(1));
            } catch (NumberFormatException e) {
                throw new CodeSetFileException(NAME, number, "MUE value is not a whole number");
            }
            if (units < 0) {
                throw new CodeSetFileException(NAME, number, "MUE value is negative");
            }
            String indicator = fields.get(2);
            if (indicator.isEmpty() || "123".indexOf(indicator.charAt(0)) < 0) {
                throw new CodeSetFileException(NAME, number, "adjudication indicator must start with 1, 2 or 3");
            }
            String rationale = fields.size() > 3 ? fields.get(3) : null;
            entries.add(new Entry(fields.get(0), units, indicator.charAt(0), rationale));
        });
        if (entries.isEmpty()) {
            throw new CodeSetFileException(NAME + " has no rows");
        }
        return entries;
    }

    // title and header lines before the first row are skipped, whatever their quoting
    private static List<String> rowFields(String line, int number, boolean beforeFirstRow) {
        try {
            return Delimited.split(line, NAME, number);
        } catch (CodeSetFileException e) {
            if (beforeFirstRow) {
                return List.of();
            }
            throw e;
        }
    }
}
