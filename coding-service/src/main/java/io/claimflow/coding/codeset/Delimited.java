package io.claimflow.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one reader behind the code-set files: numbers their lines (a byte order mark on the first is dropped) and splits
 * a delimited line with commons-csv, tab-separated or comma-separated with optional double quotes ({@code ""} for a
 * quote inside), fields trimmed. A line is one record: CMS's files and ClaimFlow's tables have no line breaks inside a
 * field, and the line numbers of errors stay the file's.
 */
final class Delimited {

    /** Handles one line of a file. */
    interface LineHandler {
        void line(String line, int number);
    }

    private static final CSVFormat COMMA =
            CSVFormat.DEFAULT.builder().setTrim(true).get();
    private static final CSVFormat TAB = CSVFormat.TDF.builder().setTrim(true).get();
    private static final CSVFormat COMMA_UNTRIMMED = CSVFormat.DEFAULT;

    private Delimited() {}

    /** Calls {@code handler} with each line of {@code reader} and its number (from 1), blank lines included. */
    static void forEachLine(Reader reader, LineHandler handler) {
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                handler.line(line, number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of a tab-separated line when it holds a tab, else of a comma-separated one; none for a blank line. */
    static List<String> split(String line, String file, int number) {
        return fields(line, line.indexOf('\t') >= 0 ? TAB : COMMA, file, number);
    }

    /** The fields of a tab-separated line. */
    static List<String> splitTabs(String line, String file, int number) {
        return fields(line, TAB, file, number);
    }

    /**
     * At most {@code limit} comma-separated fields, the last holding the rest of the line as written (a free-text
     * note may hold commas); fields are not trimmed.
     */
    static List<String> splitCommas(String line, int limit, String file, int number) {
        List<String> fields = fields(line, COMMA_UNTRIMMED, file, number);
        if (fields.size() <= limit) {
            return fields;
        }
        List<String> limited = new ArrayList<>(fields.subList(0, limit - 1));
        limited.add(String.join(",", fields.subList(limit - 1, fields.size())));
        return limited;
    }

    private static List<String> fields(String line, CSVFormat format, String file, int number) {
        try (CSVParser parser = CSVParser.parse(line, format)) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of() : records.get(0).toList();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the parser's message quotes the input: say where, not what
            throw new CodeSetFileException(file, number, "malformed quoting");
        }
    }

    static boolean procedureCode(String text) {
        return text != null && text.trim().matches("[A-Z0-9][0-9]{3}[0-9A-Z]");
    }

    /** A date as CMS files write it, YYYYMMDD; a file error naming the line and what the text was for otherwise. */
    static LocalDate basicDate(String text, String file, int number, String what) {
        try {
            return LocalDate.parse(text.trim(), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new CodeSetFileException(file, number, what + " is not a date (YYYYMMDD)");
        }
    }
}
