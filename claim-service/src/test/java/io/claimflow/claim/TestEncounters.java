package io.claimflow.claim;

import io.claimflow.claim.feeschedule.FeeSchedule;
import io.claimflow.claim.model.CodedEncounter;
import io.claimflow.claim.model.CodedLine;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.Diagnosis;
import io.claimflow.claim.model.ProviderRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Realistic coded encounters for the domain tests: the sample office visit and variations of it. */
public final class TestEncounters {

    public static final LocalDate DATE_OF_SERVICE = LocalDate.of(2026, 3, 10);
    public static final ProviderRef BILLING = new ProviderRef("1847362914", "311234567", "EIN", true);
    public static final ProviderRef RENDERING = new ProviderRef("1293847566", null, null, false);
    public static final CoverageRef BUCKEYE = new CoverageRef("BKHP1", "Buckeye Health Plan", "BHP884120337", "SELF");

    private TestEncounters() {}

    /** The sample visit: 99214 (pointers 1, 2) and 83036 (pointer 1), hypertension and type 2 diabetes. */
    public static CodedEncounter officeVisit() {
        return officeVisit(
                BILLING,
                List.of(line(1, "99214", List.of(), 1, List.of(1, 2)), line(2, "83036", List.of(), 1, List.of(1))));
    }

    public static CodedEncounter officeVisit(ProviderRef billing, List<CodedLine> lines) {
        return new CodedEncounter(
                "17be17ca-2342-4c06-8800-cf50ff144c16",
                "enc-20260310-004821",
                "riverside-fm",
                1,
                DATE_OF_SERVICE,
                "11",
                null,
                "RFM-0048213",
                billing,
                RENDERING,
                null,
                BUCKEYE,
                List.of(
                        new Diagnosis("I10", "Essential (primary) hypertension"),
                        new Diagnosis("E11.9", "Type 2 diabetes mellitus without complications")),
                lines,
                new byte[0]);
    }

    public static CodedLine line(int number, String code, List<String> modifiers, int units, List<Integer> pointers) {
        return new CodedLine(number, code, modifiers, units, pointers, DATE_OF_SERVICE, null);
    }

    /** An in-memory chargemaster for pure unit tests (the JDBC one is tested against PostgreSQL). */
    public static FeeSchedule feeSchedule() {
        Map<String, BigDecimal> prices = new HashMap<>();
        prices.put("99214", new BigDecimal("165.00"));
        prices.put("99213", new BigDecimal("115.00"));
        prices.put("83036", new BigDecimal("45.00"));
        prices.put("36415", new BigDecimal("12.00"));
        prices.put("J1100", new BigDecimal("12.00"));
        prices.put("96372", new BigDecimal("35.00"));
        prices.put("93000", new BigDecimal("55.00"));
        prices.put("93000-26", new BigDecimal("20.00"));
        return (tenantId, code, modifiers, date) -> {
            for (String modifier : modifiers) {
                BigDecimal price = prices.get(code + "-" + modifier);
                if (price != null) {
                    return Optional.of(price);
                }
            }
            return Optional.ofNullable(prices.get(code));
        };
    }
}
