package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** What the patient owes on a claim, by kind. */
public record PatientShare(BigDecimal deductible, BigDecimal coinsurance, BigDecimal copay, BigDecimal other) {

    public static final PatientShare NONE = new PatientShare(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public PatientShare {
        deductible = Money.of(deductible);
        coinsurance = Money.of(coinsurance);
        copay = Money.of(copay);
        other = Money.of(other);
    }

    public static PatientShare of(Map<ResponsibilityKind, BigDecimal> byKind) {
        return new PatientShare(
                byKind.getOrDefault(ResponsibilityKind.DEDUCTIBLE, Money.ZERO),
                byKind.getOrDefault(ResponsibilityKind.COINSURANCE, Money.ZERO),
                byKind.getOrDefault(ResponsibilityKind.COPAY, Money.ZERO),
                byKind.getOrDefault(ResponsibilityKind.OTHER, Money.ZERO));
    }

    public BigDecimal total() {
        return deductible.add(coinsurance).add(copay).add(other);
    }

    public BigDecimal get(ResponsibilityKind kind) {
        return switch (kind) {
            case DEDUCTIBLE -> deductible;
            case COINSURANCE -> coinsurance;
            case COPAY -> copay;
            case OTHER -> other;
        };
    }

    public Map<ResponsibilityKind, BigDecimal> byKind() {
        Map<ResponsibilityKind, BigDecimal> map = new EnumMap<>(ResponsibilityKind.class);
        for (ResponsibilityKind kind : ResponsibilityKind.values()) {
            map.put(kind, get(kind));
        }
        return map;
    }
}
