package io.claimflow.adjudication.claim;

import io.claimflow.codes.AdjustmentCodes;
import io.claimflow.codes.DenialCategory;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps payer codes to a {@link DenialCategory}. CARCs (claim adjustment reason codes, 835 CAS) and RARCs (remark
 * codes, 835 LQ/MOA) come from the one table of module billing-codes ({@link AdjustmentCodes}), which claim-service
 * routes with as well: the denial CARC of highest precedence decides (duplicate, timely filing, eligibility,
 * authorization, coding, medical necessity, missing information, other), and a remark code sharpens a vague one
 * (missing information, other) or decides when no CARC does. 277CA claim status codes (STC01-2) are mapped here.
 */
public final class DenialCategories {

    private static final AdjustmentCodes CODES = AdjustmentCodes.shipped();

    /** The one precedence of billing-codes, also for 277CA status codes. */
    private static final List<DenialCategory> PRECEDENCE = Arrays.stream(DenialCategory.values())
            .filter(c -> c.isDenial() && c != DenialCategory.OTHER)
            .toList();

    /** 277CA claim status code (STC01-2) -> category. */
    static final Map<String, DenialCategory> CLAIM_STATUS = table(
            DenialCategory.DUPLICATE,
            "54",
            "78",
            DenialCategory.TIMELY_FILING,
            "187",
            DenialCategory.ELIGIBILITY,
            "26",
            "33",
            "97",
            "109",
            "168",
            "224",
            DenialCategory.AUTHORIZATION,
            "252",
            "254",
            DenialCategory.CODING,
            "254",
            "255",
            "453",
            "454",
            "455",
            "456",
            DenialCategory.MISSING_INFORMATION,
            "21",
            "35",
            "116",
            "125",
            "145",
            "164",
            "562",
            "496",
            "500",
            "513",
            "516");

    /**
     * CARCs that are the ordinary outcome of a paid claim, not a denial (1-3 patient share, 45 fee schedule, ...): the
     * table's codes of category CONTRACTUAL or PATIENT_RESPONSIBILITY.
     */
    public static final List<String> NOT_DENIALS = CODES.carcs().values().stream()
            .filter(c -> !c.category().isDenial())
            .map(AdjustmentCodes.Code::code)
            .sorted()
            .toList();

    private DenialCategories() {}

    /** Category of a remittance denial from its CARCs and RARCs. */
    public static DenialCategory ofRemittance(Collection<String> carcs, Collection<String> rarcs) {
        return CODES.denialCategory(carcs, rarcs);
    }

    /** Category of a 277CA rejection from its claim status codes. */
    public static DenialCategory ofClaimStatus(Collection<String> statusCodes) {
        return first(statusCodes, CLAIM_STATUS).orElse(DenialCategory.OTHER);
    }

    /** Category of a 999 rejection: a missing or invalid segment or element is missing information. */
    public static DenialCategory ofSyntaxErrors(Collection<String> errorCodes) {
        return errorCodes.isEmpty() ? DenialCategory.OTHER : DenialCategory.MISSING_INFORMATION;
    }

    private static Optional<DenialCategory> first(Collection<String> codes, Map<String, DenialCategory> table) {
        for (DenialCategory category : PRECEDENCE) {
            for (String code : codes) {
                if (table.get(code) == category) {
                    return Optional.of(category);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, DenialCategory> table(Object... categoryThenCodes) {
        Map<String, DenialCategory> table = new LinkedHashMap<>();
        DenialCategory current = null;
        for (Object item : categoryThenCodes) {
            if (item instanceof DenialCategory category) {
                current = category;
            } else {
                // the first category a code is listed under wins
                table.putIfAbsent((String) item, current);
            }
        }
        return Map.copyOf(table);
    }
}
