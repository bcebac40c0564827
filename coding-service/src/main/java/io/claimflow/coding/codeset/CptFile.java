package io.claimflow.coding.codeset;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CPT code list: tab-separated code and descriptor (optionally a long descriptor as a third column), lines
 * starting with # are comments. CPT is licensed by the AMA; load the licensed release in this layout.
 */
public final class CptFile {

    /** A CPT code with its descriptors. */
    public record Entry(String code, String shortDescription, String longDescription) {}

    private static final String NAME = "CPT file";

    private CptFile() {}

    public static List<Entry> parse(Reader reader) {
        List<Entry> entries = new ArrayList<>();
        Delimited.forEachLine(reader, (line, number) -> {
            if (line.isBlank() || line.startsWith("#")) {
                return;
            }
            List<String> fields = Delimited.splitTabs(line, NAME, number);
            String code = fields.get(0);
            if (!code.matches("[0-9]{4}[0-9FTU]")) {
                throw new CodeSetFileException(NAME, number, "first column is not a CPT code");
            }
            if (fields.size() < 2 || fields.get(1).isEmpty()) {
                throw new CodeSetFileException(NAME, number, "no descriptor for " + code);
            }
            String shortDescription = fields.get(1);
            String longDescription = fields.size() > 2 && !fields.get(2).isEmpty() ? fields.get(2) : shortDescription;
            entries.add(new Entry(code, shortDescription, longDescription));
        });
        if (entries.isEmpty()) {
            throw new CodeSetFileException(NAME + " is empty");
        }
        return entries;
    }
}
