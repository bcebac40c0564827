package io.claimflow.codes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CARC / RARC table of ClaimFlow ({@code io/claimflow/codes/carc-rarc.csv}): each code's description and
 * category, and the one rule that turns the codes of a denial into its category. adjudication-gateway puts that
 * category on ClaimDenied; claim-service routes on it and reads payments with it, so the two cannot disagree.
 */
public final class AdjustmentCodes {

    static final String RESOURCE = "io/claimflow/codes/carc-rarc.csv";

    /** Which code list a code belongs to. */
    public enum Kind {
        CARC,
        RARC
    }

    /** One row of the table. */
    public record Code(Kind kind, String code, DenialCategory category, String description) {}

    private static final AdjustmentCodes SHIPPED = load();

    private final Map<String, Code> carcs;
    private final Map<String, Code> rarcs;

    private AdjustmentCodes(Map<String, Code> carcs, Map<String, Code> rarcs) {
        this.carcs = Map.copyOf(carcs);
        this.rarcs = Map.copyOf(rarcs);
    }

    /** The table shipped in this module. */
    public static AdjustmentCodes shipped() {
        return SHIPPED;
    }

    public Optional<Code> carc(String code) {
        return Optional.ofNullable(code == null ? null : carcs.get(code.trim()));
    }

    public Optional<Code> rarc(String code) {
        return Optional.ofNullable(code == null ? null : rarcs.get(code.trim()));
    }

    /** Every CARC of the table, by code. */
    public Map<String, Code> carcs() {
        return carcs;
    }

    /** Every RARC of the table, by code. */
    public Map<String, Code> rarcs() {
        return rarcs;
    }

    /** Category of one CARC; an unknown CARC is OTHER (a denial nobody categorized). */
    public DenialCategory categoryOfCarc(String code) {
        return carc(code).map(Code::category).orElse(DenialCategory.OTHER);
    }

    /** Whether a CARC is the ordinary outcome of a paid claim (patient share, contractual), not a denial. */
    public boolean isDenial(String carc) {
        return categoryOfCarc(carc).isDenial();
    }

    /**
     * The category of a denial from its CARCs and RARCs: the denial CARC of highest precedence (non-denial CARCs such as
     * 1-3 and 45 are skipped, unknown ones count as OTHER); when that is missing information or other, or there is no
     * denial CARC at all, the remark code of highest precedence decides if it names a category; otherwise OTHER.
     */
    public DenialCategory denialCategory(Collection<String> carcCodes, Collection<String> rarcCodes) {
        Optional<DenialCategory> byCarc = carcCodes.stream()
                .map(this::categoryOfCarc)
                .filter(DenialCategory::isDenial)
                .min(Comparator.naturalOrder());
        if (byCarc.isPresent() && !byCarc.get().isVague()) {
            return byCarc.get();
        }
        Optional<DenialCategory> byRarc = rarcCodes.stream()
                .map(this::rarc)
                .flatMap(Optional::stream)
                .map(Code::category)
                .filter(c -> c.isDenial() && !c.isVague())
                .min(Comparator.naturalOrder());
        return byRarc.or(() -> byCarc).orElse(DenialCategory.OTHER);
    }

    private static AdjustmentCodes load() {
        try (InputStream in = AdjustmentCodes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AdjustmentCodes read(Reader reader) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setCommentMarker('#')
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        Map<String, Code> carcs = new LinkedHashMap<>();
        Map<String, Code> rarcs = new LinkedHashMap<>();
        for (CSVRecord row : format.parse(reader)) {
            Code code = new Code(
                    Kind.valueOf(row.get("kind")),
                    row.get("code"),
                    DenialCategory.valueOf(row.get("category")),
                    row.get("description"));
            Map<String, Code> list = code.kind() == Kind.CARC ? carcs : rarcs;
            if (list.putIfAbsent(code.code(), code) != null) {
                throw new IllegalStateException(code.kind() + " " + code.code() + " is listed twice in " + RESOURCE);
            }
        }
        return new AdjustmentCodes(carcs, rarcs);
    }
}
