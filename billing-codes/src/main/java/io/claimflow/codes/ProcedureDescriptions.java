package io.claimflow.codes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A plain description of each procedure code (CPT and HCPCS Level II) for what a patient reads, such as a statement,
 * from the starter code-set files this module ships and coding-service loads as its starter releases
 * ({@code codesets/cpt-starter.tsv}: code TAB descriptor, ClaimFlow's own paraphrases; {@code
 * codesets/hcpcs-anweb-starter.txt}: the CMS fixed-width HCPCS file, whose long description is used because its short
 * one is abbreviated). A code outside those files has no description here.
 */
public final class ProcedureDescriptions {

    static final String CPT = "codesets/cpt-starter.tsv";
    static final String HCPCS = "codesets/hcpcs-anweb-starter.txt";

    private static final ProcedureDescriptions SHIPPED = load();

    private final Map<String, String> byCode;

    private ProcedureDescriptions(Map<String, String> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    /** The descriptions of the code-set files shipped in this module. */
    public static ProcedureDescriptions shipped() {
        return SHIPPED;
    }

    /** The description of a CPT or HCPCS code (case and surrounding spaces ignored), if the code sets list it. */
    public Optional<String> describe(String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(byCode.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** How many codes have a description. */
    public int size() {
        return byCode.size();
    }

    private static ProcedureDescriptions load() {
        try (Reader cpt = resource(CPT);
                Reader hcpcs = resource(HCPCS)) {
            return read(cpt, hcpcs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader resource(String name) {
        InputStream in = ProcedureDescriptions.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    static ProcedureDescriptions read(Reader cpt, Reader hcpcs) throws IOException {
        Map<String, String> byCode = new LinkedHashMap<>();
        CSVFormat tabs = CSVFormat.TDF
                .builder()
                .setQuote(null)
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        for (CSVRecord row : tabs.parse(cpt)) {
            if (row.size() < 2 || row.get(1).isEmpty()) {
                throw new IllegalStateException("CPT line " + row.getRecordNumber() + " has no descriptor");
            }
            put(byCode, row.get(0), row.get(1));
        }
        readHcpcs(new BufferedReader(hcpcs), byCode);
        return new ProcedureDescriptions(byCode);
    }

    /**
     * Columns 1-5 the code, 11 the record id (3 a procedure, 4 its continuation, 7 and 8 modifiers, left out), 12-91
     * the long description, continued by the record's 4s.
     */
    private static void readHcpcs(BufferedReader in, Map<String, String> byCode) throws IOException {
        String previous = null;
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 12) {
                throw new IllegalStateException("HCPCS line " + number + " is shorter than the record layout");
            }
            String code = line.substring(0, 5).strip();
            String text = line.substring(11, Math.min(line.length(), 91)).strip();
            switch (line.charAt(10)) {
                case '3' -> {
                    put(byCode, code, text);
                    previous = code;
                }
                case '4' -> {
                    if (!code.equals(previous)) {
                        throw new IllegalStateException("HCPCS line " + number + " continues no record of " + code);
                    }
                    byCode.merge(code, text, (first, more) -> first + " " + more);
                }
                default -> previous = null; // a modifier
            }
        }
    }

    private static void put(Map<String, String> byCode, String code, String description) {
        if (byCode.putIfAbsent(code.toUpperCase(Locale.ROOT), description) != null) {
            throw new IllegalStateException("procedure code " + code + " is listed twice");
        }
    }
}
