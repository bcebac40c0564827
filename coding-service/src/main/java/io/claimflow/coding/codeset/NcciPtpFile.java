package io.claimflow.coding.codeset;

import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CMS NCCI procedure-to-procedure table (practitioner or hospital) as CMS publishes its text version:
 * tab-separated Column 1, Column 2, "in existence prior to 1996" (*), effective date YYYYMMDD, deletion date
 * YYYYMMDD or *, modifier indicator 0/1/9, rationale. Title and header lines before the first edit are skipped.
 * CSV (comma-separated, optionally quoted) is accepted too.
 */
public final class NcciPtpFile {

    /** One edit: column 2 is bundled into column 1 from {@code effective} to {@code deleted} (null = open). */
    public record Entry(
            String column1,
            String column2,
            LocalDate effective,
            LocalDate deleted,
            char modifierIndicator,
            String rationale) {}

    private static final String NAME = "NCCI PTP file";

    private NcciPtpFile() {}

    public static List<Entry> parse(Reader reader) {
        List<Entry> entries = new ArrayList<>();
        Delimited.forEachLine(reader, (line, number) -> {
            List<String> fields = rowFields(line, number, entries.isEmpty());
            if (fields.size() < 6 || !Delimited.procedureCode(fields.get(0))) {
                if (entries.isEmpty() || line.isBlank()) {
                    return; // title and header rows, blank lines
                }
                throw new CodeSetFileException(
                        NAME,
                        number,
                        "not an edit row (column 1, column 2, prior-1996, "
                                + "effective date, deletion date, modifier indicator, rationale)");
            }
            String column2 = fields.get(1);
            if (!Delimited.procedureCode(column2)) {
                throw new CodeSetFileException(NAME, number, "column 2 is not a procedure code");
            }
            LocalDate effective = date(fields.get(3), number, "effective date");
            String deletion = fields.get(4);
            LocalDate deleted =
                    deletion.isEmpty() || deletion.equals("*") ? null : date(deletion, number, "deletion date");
            String indicator = fields.get(5);
            if (!indicator.matches("[019]")) {
                throw new CodeSetFileException(NAME, number, "modifier indicator must be 0, 1 or 9");
            }
            String rationale = fields.size() > 6 ? fields.get(6) : null;
            entries.add(new Entry(fields.get(0), column2, effective, deleted, indicator.charAt(0), rationale));
        });
        if (entries.isEmpty()) {
            throw new CodeSetFileException(NAME + " has no edit rows");
        }
        return entries;
    }

    // title and header lines before the first edit are skipped, whatever their quoting
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

    private static LocalDate date(String text, int number, String what) {
        return Delimited.basicDate(text, NAME, number, what);
    }
}
