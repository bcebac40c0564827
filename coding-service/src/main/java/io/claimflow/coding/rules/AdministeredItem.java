package io.claimflow.coding.rules;

import java.math.BigDecimal;

/**
 * A drug, vaccine or supply given at the visit.
 *
 * @param kind DRUG, VACCINE, SUPPLY or OTHER
 * @param unit UNIT, INTERNATIONAL_UNIT, MILLILITER, GRAM or MILLIGRAM
 */
public record AdministeredItem(String kind, Documented code, String ndc, BigDecimal quantity, String unit) {

    public boolean vaccine() {
        return "VACCINE".equals(kind);
    }
}
