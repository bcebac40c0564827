package io.claimflow.claim.denial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shipped table of common CARCs and RARCs and what they mean for routing ({@code denial/carc-categories.csv}).
 * When several denial codes apply, the one to work first wins: duplicate and timely filing end the claim, eligibility
 * and authorization must be fixed before a recode helps, then coding, medical necessity, missing information.
 */
public final class CarcTable {

    private final Map<String, DenialCategory> carcs;
    private final Map<String, DenialCategory> rarcs;

    private CarcTable(Map<String, DenialCategory> carcs, Map<String, DenialCategory> rarcs) {
        this.carcs = Map.copyOf(carcs);
        this.rarcs = Map.copyOf(rarcs);
    }

    /** The table shipped on the classpath. */
    public static CarcTable shipped() {
        try (InputStream in = CarcTable.class.getClassLoader().getResourceAsStream("denial/carc-categories.csv")) {
            if (in == null) {
                throw new IllegalStateException("denial/carc-categories.csv is missing from the classpath");
            }
            Map<String, DenialCategory> carcs = new HashMap<>();
            Map<String, DenialCategory> rarcs = new HashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", 4);
                DenialCategory category = DenialCategory.valueOf(fields[2]);
                (fields[0].equals("CARC") ? carcs : rarcs).put(fields[1], category);
            }
            return new CarcTable(carcs, rarcs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<DenialCategory> carc(String code) {
        return Optional.ofNullable(carcs.get(code));
    }

    public Optional<DenialCategory> rarc(String code) {
        return Optional.ofNullable(rarcs.get(code));
    }

    /**
     * How to read one adjustment: by its CARC; an unknown CARC in group PR is patient responsibility, in group CO with
     * a known non-denial meaning contractual, otherwise OTHER (a denial nobody categorized).
     */
    public DenialCategory categoryOf(AdjustmentCode adjustment) {
        return carc(adjustment.reasonCode())
                .orElse("PR".equals(adjustment.groupCode()) ? DenialCategory.PATIENT_RESPONSIBILITY
                        : DenialCategory.OTHER);
    }

    /**
     * The denial category of a set of adjustments and remark codes, empty when none of them denies anything. A
     * MISSING_INFORMATION CARC (16) is sharpened by its RARC, e.g. 16 with M76 is a coding problem.
     */
    public Optional<DenialCategory> categorize(Collection<AdjustmentCode> adjustments, Collection<String> remarkCodes) {
        Optional<DenialCategory> byCarc = adjustments.stream()
                .filter(a -> a.amount() == null || a.amount().signum() != 0)
                .map(this::categoryOf)
                .filter(DenialCategory::isDenial)
                .min(Comparator.naturalOrder());
        if (byCarc.isPresent() && byCarc.get() != DenialCategory.MISSING_INFORMATION
                && byCarc.get() != DenialCategory.OTHER) {
            return byCarc;
        }
        Optional<DenialCategory> byRarc = remarkCodes.stream()
                .map(this::rarc)
                .flatMap(Optional::stream)
                .filter(DenialCategory::isDenial)
                .min(Comparator.naturalOrder());
        if (byCarc.isPresent()) {
            return byRarc.isPresent() ? byRarc : byCarc;
        }
        return Optional.empty();
    }
}
