package io.claimflow.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CPT code list: tab-separated code and descriptor (optionally a long descriptor as a third column), lines
 * starting with # are comments. CPT is licensed by the AMA; load the licensed release in this layout.
 */
public final class CptFile {

    /** A CPT code with its descriptors. */
    public record Entry(String code, String shortDescription, String longDescription) {
    }

    private static final String NAME = "CPT file";

    private CptFile() {
    }

    public static List<Entry> parse(Reader reader) {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                String code = fields[0].trim();
                if (!code.matches("[0-9]{4}[0-9FTU]")) {
                    throw new CodeSetFileException(NAME, number, "first column is not a CPT code");
                }
                if (fields.length < 2 || fields[1].isBlank()) {
                    throw new CodeSetFileException(NAME, number, "no descriptor for " + code);
                }
                String shortDescription = fields[1].trim();
                String longDescription = fields.length > 2 && !fields[2].isBlank() ? fields[2].trim()
                        : shortDescription;
                entries.add(new Entry(code, shortDescription, longDescription));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries.isEmpty()) {
            throw new CodeSetFileException(NAME + " is empty");
        }
        return entries;
    }
}
