package io.claimflow.adjudication.response;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping from payer codes to a {@link DenialCategory}: CARCs (claim adjustment reason codes, 835 CAS),
 * RARCs (remark codes, 835 LQ/MOA) and 277CA claim status codes (STC01-2). A denial with several codes takes the
 * category of the first code, in this order of precedence: duplicate, timely filing, eligibility, authorization,
 * coding, missing information, medical necessity (the order a biller works them: the first ones cannot be fixed by
 * recoding). RARCs decide only when no CARC does; anything unknown is OTHER.
 */
public final class DenialCategories {

    private static final List<DenialCategory> PRECEDENCE = List.of(DenialCategory.DUPLICATE,
            DenialCategory.TIMELY_FILING, DenialCategory.ELIGIBILITY, DenialCategory.AUTHORIZATION,
            DenialCategory.CODING, DenialCategory.MISSING_INFORMATION, DenialCategory.MEDICAL_NECESSITY);

    /** CARC -> category. */
    static final Map<String, DenialCategory> CARC = table(
            DenialCategory.DUPLICATE, "18",
            DenialCategory.TIMELY_FILING, "29",
            DenialCategory.ELIGIBILITY, "22", "23", "24", "26", "27", "31", "32", "33", "34", "35", "109", "177",
            "200", "B1",
            DenialCategory.AUTHORIZATION, "15", "38", "39", "62", "197", "198", "243", "288",
            DenialCategory.CODING, "4", "5", "6", "7", "8", "9", "10", "11", "12", "40", "51", "97", "181", "182",
            "199", "231", "234", "236", "B15",
            DenialCategory.MISSING_INFORMATION, "16", "17", "125", "226", "227", "252", "A1",
            DenialCategory.MEDICAL_NECESSITY, "50", "55", "56", "57", "58", "150", "151", "152", "167", "167");

    /** RARC -> category, used when no CARC has one. */
    static final Map<String, DenialCategory> RARC = table(
            DenialCategory.CODING, "M76", "M77", "M15", "M80", "M81", "N56", "N657", "MA130",
            DenialCategory.MISSING_INFORMATION, "M119", "M51", "MA04", "N290", "N382",
            DenialCategory.AUTHORIZATION, "N54", "M62",
            DenialCategory.ELIGIBILITY, "N30", "MA61");

    /** 277CA claim status code (STC01-2) -> category. */
    static final Map<String, DenialCategory> CLAIM_STATUS = table(
            DenialCategory.DUPLICATE, "54", "78",
            DenialCategory.TIMELY_FILING, "187",
            DenialCategory.ELIGIBILITY, "26", "33", "97", "109", "168", "224",
            DenialCategory.AUTHORIZATION, "252", "254",
            DenialCategory.CODING, "254", "255", "453", "454", "455", "456",
            DenialCategory.MISSING_INFORMATION, "21", "35", "116", "125", "145", "164", "562", "496", "500",
            "513", "516");

    /** CARCs that are the ordinary outcome of a paid claim, not a denial: 1-3 patient share, 45 fee schedule. */
    public static final List<String> NOT_DENIALS = List.of("1", "2", "3", "45", "253");

    private DenialCategories() {
    }

    /** Category of a remittance denial from its CARCs and RARCs. */
    public static DenialCategory ofRemittance(Collection<String> carcs, Collection<String> rarcs) {
        return first(carcs, CARC).or(() -> first(rarcs, RARC)).orElse(DenialCategory.OTHER);
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
