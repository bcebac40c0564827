package io.claimflow.coding.codeset;

import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CMS HCPCS Level II annual (or quarterly) file in its fixed-width contractor record layout (320
 * characters): code 1-5, sequence number 6-10, record id 11 (3 = procedure, 4 = procedure continuation, 7 =
 * modifier, 8 = modifier continuation), long description 12-91, short description 92-119, code added date
 * 269-276, action effective date 277-284, termination date 285-292, action code 293. Continuation records extend
 * the long description.
 */
public final class HcpcsFile {

    /** A procedure/supply code or a modifier, with its own dates when the file gives them. */
    public record Entry(
            String code,
            boolean modifier,
            String shortDescription,
            String longDescription,
            LocalDate actionEffectiveDate,
            LocalDate terminationDate) {}

    private static final String NAME = "HCPCS file";

    private HcpcsFile() {}

    public static List<Entry> parse(Reader reader) {
        Map<String, Builder> byCode = new LinkedHashMap<>();
        Delimited.forEachLine(reader, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            if (line.length() < 12) {
                throw new CodeSetFileException(NAME, number, "shorter than the record layout");
            }
            String code = line.substring(0, 5).trim();
            char recordId = line.charAt(10);
            String longPart = field(line, 12, 91);
            boolean modifier = recordId == '7' || recordId == '8';
            if (recordId != '3' && recordId != '4' && !modifier) {
                throw new CodeSetFileException(NAME, number, "record id (column 11) must be 3, 4, 7 or 8");
            }
            if (modifier ? !code.matches("[A-Z0-9]{2}") : !code.matches("[A-Z0-9][0-9]{4}|[A-Z][0-9]{3}[A-Z0-9]")) {
                throw new CodeSetFileException(NAME, number, "columns 1-5 are not a HCPCS code or modifier");
            }
            String key = (modifier ? "M:" : "P:") + code;
            if (recordId == '3' || recordId == '7') {
                Builder builder = new Builder(code, modifier);
                builder.longDescription.append(longPart);
                builder.shortDescription = field(line, 92, 119);
                builder.effective = date(line, 277, 284, number);
                builder.termination = date(line, 285, 292, number);
                byCode.put(key, builder);
            } else {
                Builder builder = byCode.get(key);
                if (builder == null) {
                    throw new CodeSetFileException(NAME, number, "continuation record before its first record");
                }
                builder.longDescription.append(' ').append(longPart);
            }
        });
        if (byCode.isEmpty()) {
            throw new CodeSetFileException(NAME + " is empty");
        }
        List<Entry> entries = new ArrayList<>();
        byCode.values().forEach(b -> entries.add(b.build()));
        return entries;
    }

    private static String field(String line, int from, int to) {
        if (line.length() < from) {
            return "";
        }
        return line.substring(from - 1, Math.min(line.length(), to)).trim();
    }

    private static LocalDate date(String line, int from, int to, int number) {
        String text = field(line, from, to);
        if (text.isEmpty()) {
            return null;
        }
        return Delimited.basicDate(text, NAME, number, "columns " + from + "-" + to);
    }

    private static final class Builder {
        final String code;
        final boolean modifier;
        final StringBuilder longDescription = new StringBuilder();
        String shortDescription;
        LocalDate effective;
        LocalDate termination;

        Builder(String code, boolean modifier) {
            this.code = code;
            this.modifier = modifier;
        }

        Entry build() {
            String longText = longDescription.toString().replaceAll("\\s+", " ").trim();
            String shortText = shortDescription == null || shortDescription.isEmpty() ? longText : shortDescription;
            return new Entry(
                    code, modifier, shortText, longText.isEmpty() ? shortText : longText, effective, termination);
        }
    }
}
