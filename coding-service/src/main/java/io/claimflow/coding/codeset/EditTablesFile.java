package io.claimflow.coding.codeset;

import io.claimflow.coding.rules.DemographicRule;
import io.claimflow.coding.rules.Excludes1;
import io.claimflow.coding.rules.Sex;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ClaimFlow's ICD-10-CM edit table (Excludes1 notes and sex/age rules, which the order file does not carry):
 * {@code kind,code prefix,other prefix or sex,min age,max age,note} with kind EXCLUDES1, SEX or AGE; and the
 * procedure indications table: {@code procedure code,ICD-10-CM prefixes separated by spaces}.
 */
public final class EditTablesFile {

    /** The edits of one file. */
    public record Edits(List<Excludes1> excludes1, List<DemographicRule> demographics) {}

    /** Diagnoses that support a procedure. */
    public record Indication(String procedureCode, String icdPrefix) {}

    private EditTablesFile() {}

    public static Edits parseEdits(Reader reader) {
        List<Excludes1> excludes = new ArrayList<>();
        List<DemographicRule> demographics = new ArrayList<>();
        forEachLine(reader, "ICD-10-CM edit table", (line, number) -> {
            List<String> f = Delimited.splitCommas(line, 6, "ICD-10-CM edit table", number);
            if (f.size() < 6) {
                throw new CodeSetFileException("ICD-10-CM edit table", number, "needs 6 comma-separated fields");
            }
            switch (f.get(0).trim()) {
                case "EXCLUDES1" ->
                    excludes.add(new Excludes1(
                            f.get(1).trim(), f.get(2).trim(), f.get(5).trim()));
                case "SEX" ->
                    demographics.add(new DemographicRule(
                            f.get(1).trim(),
                            "F".equals(f.get(2).trim()) ? Sex.FEMALE : Sex.MALE,
                            null,
                            null,
                            f.get(5).trim()));
                case "AGE" ->
                    demographics.add(new DemographicRule(
                            f.get(1).trim(),
                            null,
                            age(f.get(3)),
                            age(f.get(4)),
                            f.get(5).trim()));
                default ->
                    throw new CodeSetFileException(
                            "ICD-10-CM edit table", number, "kind must be EXCLUDES1, SEX or AGE");
            }
        });
        return new Edits(excludes, demographics);
    }

    public static List<Indication> parseIndications(Reader reader) {
        List<Indication> indications = new ArrayList<>();
        forEachLine(reader, "indications table", (line, number) -> {
            List<String> f = Delimited.splitCommas(line, 2, "indications table", number);
            if (f.size() < 2 || !Delimited.procedureCode(f.get(0))) {
                throw new CodeSetFileException("indications table", number, "needs a procedure code and prefixes");
            }
            for (String prefix : f.get(1).trim().split("\\s+")) {
                indications.add(new Indication(f.get(0).trim(), prefix));
            }
        });
        return indications;
    }

    private static Integer age(String text) {
        return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
    }

    // comment and blank lines skipped
    private static void forEachLine(Reader reader, String name, Delimited.LineHandler handler) {
        try {
            Delimited.forEachLine(reader, (line, number) -> {
                if (!line.isBlank() && !line.startsWith("#")) {
                    handler.line(line, number);
                }
            });
        } catch (NumberFormatException e) {
            throw new CodeSetFileException(name + ": an age is not a whole number");
        }
    }
}
