package io.claimflow.coding.codeset;

import io.claimflow.coding.rules.IcdCodes;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CMS ICD-10-CM order file (icd10cm_order_YYYY.txt): fixed width, order number (5), blank, code without
 * its decimal point (7, padded), blank, 0 = header / 1 = valid for billing, blank, short description (60, padded),
 * blank, long description.
 */
public final class IcdOrderFile {

    /** One code of the file, with its decimal point restored. */
    public record Entry(String code, boolean billable, String shortDescription, String longDescription) {}

    private static final String NAME = "ICD-10-CM order file";

    private IcdOrderFile() {}

    public static List<Entry> parse(Reader reader) {
        List<Entry> entries = new ArrayList<>();
        Delimited.forEachLine(reader, (line, number) -> {
            if (!line.isBlank()) {
                entries.add(parseLine(line, number));
            }
        });
        if (entries.isEmpty()) {
            throw new CodeSetFileException(NAME + " is empty");
        }
        return entries;
    }

    static Entry parseLine(String line, int number) {
        if (line.length() < 17) {
            throw new CodeSetFileException(
                    NAME, number, "shorter than the fixed-width layout (" + line.length() + " characters)");
        }
        String order = line.substring(0, 5);
        if (!order.chars().allMatch(Character::isDigit) || line.charAt(5) != ' ') {
            throw new CodeSetFileException(NAME, number, "columns 1-5 are not an order number");
        }
        String code = line.substring(6, 13).trim();
        if (!code.matches("[A-Z][0-9][0-9A-Z]{1,5}")) {
            throw new CodeSetFileException(NAME, number, "columns 7-13 are not an ICD-10-CM code");
        }
        char flag = line.charAt(14);
        if (flag != '0' && flag != '1') {
            throw new CodeSetFileException(NAME, number, "column 15 must be 0 (header) or 1 (valid for billing)");
        }
        String shortDescription =
                line.substring(16, Math.min(line.length(), 76)).trim();
        String longDescription = line.length() > 77 ? line.substring(77).trim() : shortDescription;
        if (shortDescription.isEmpty()) {
            throw new CodeSetFileException(NAME, number, "no short description");
        }
        return new Entry(
                IcdCodes.withDot(code),
                flag == '1',
                shortDescription,
                longDescription.isEmpty() ? shortDescription : longDescription);
    }
}
